package io.funnelstream.engine.webhook;

import io.funnelstream.engine.json.JsonLimits;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Tunables shared by verifiers and normalisers.
 *
 * @param maxAge how old a signed timestamp may be (the replay window)
 * @param maxFutureSkew how far a signed timestamp or an event time may lie ahead of our clock
 * @param unifonicLegacyZone the time zone of Unifonic's legacy DLR timestamps (the account's zone)
 * @param jsonLimits bounds for every JSON body parsed
 */
public record WebhookSettings(
        Duration maxAge, Duration maxFutureSkew, ZoneId unifonicLegacyZone, JsonLimits jsonLimits) {

    /** Five minutes back, one minute ahead, Riyadh time for Unifonic, default JSON limits. */
    public static final WebhookSettings DEFAULT = new WebhookSettings(
            Duration.ofMinutes(5), Duration.ofMinutes(1), ZoneId.of("Asia/Riyadh"), JsonLimits.DEFAULT);

    public WebhookSettings {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        Objects.requireNonNull(unifonicLegacyZone, "unifonicLegacyZone");
        Objects.requireNonNull(jsonLimits, "jsonLimits");
        if (maxAge.isNegative() || maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("windows must not be negative");
        }
    }

    public WebhookSettings withMaxAge(Duration value) {
        return new WebhookSettings(value, maxFutureSkew, unifonicLegacyZone, jsonLimits);
    }

    public WebhookSettings withMaxFutureSkew(Duration value) {
        return new WebhookSettings(maxAge, value, unifonicLegacyZone, jsonLimits);
    }

    public WebhookSettings withUnifonicLegacyZone(ZoneId value) {
        return new WebhookSettings(maxAge, maxFutureSkew, value, jsonLimits);
    }

    public WebhookSettings withJsonLimits(JsonLimits value) {
        return new WebhookSettings(maxAge, maxFutureSkew, unifonicLegacyZone, value);
    }
}
