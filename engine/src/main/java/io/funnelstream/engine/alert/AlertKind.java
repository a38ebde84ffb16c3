package io.funnelstream.engine.alert;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an alert watches. Each kind has a bad side of its threshold: a rate {@link Direction#ABOVE above} it (bounces,
 * webhook failures) or {@link Direction#BELOW below} it (deliveries) is bad.
 */
public enum AlertKind {
    /** (Hard + soft bounces) / sent, bad above 5%. */
    BOUNCE_RATE("bounce-rate", Direction.ABOVE, 0.05, 0.01),
    /** Delivered / sent, bad below 95%. */
    DELIVERY_RATE("delivery-rate", Direction.BELOW, 0.95, 0.01),
    /** Refused or failed webhook requests / webhook requests of the tenant, bad above 1%. */
    WEBHOOK_FAILURE_RATE("webhook-failure-rate", Direction.ABOVE, 0.01, 0.005);

    /** Which side of the threshold is bad. */
    public enum Direction {
        ABOVE,
        BELOW
    }

    private final String slug;
    private final Direction direction;
    private final double defaultThreshold;
    private final double defaultMargin;

    AlertKind(String slug, Direction direction, double defaultThreshold, double defaultMargin) {
        this.slug = slug;
        this.direction = direction;
        this.defaultThreshold = defaultThreshold;
        this.defaultMargin = defaultMargin;
    }

    /** The stable name in URLs, events and the database. */
    public String slug() {
        return slug;
    }

    public Direction direction() {
        return direction;
    }

    double defaultThreshold() {
        return defaultThreshold;
    }

    double defaultMargin() {
        return defaultMargin;
    }

    /** The kind with this slug, or empty. */
    public static Optional<AlertKind> fromSlug(String slug) {
        return Arrays.stream(values()).filter(k -> k.slug.equals(slug)).findFirst();
    }
}
