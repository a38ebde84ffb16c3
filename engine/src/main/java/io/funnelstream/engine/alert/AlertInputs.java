package io.funnelstream.engine.alert;

import io.funnelstream.engine.metrics.Rate;
import io.funnelstream.engine.metrics.Rates;
import io.funnelstream.engine.rollup.Counts;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The rates one evaluation looks at, by kind; a kind left out had no sample.
 *
 * @param rates an unmodifiable copy
 */
public record AlertInputs(Map<AlertKind, Rate> rates) {

    public AlertInputs {
        Objects.requireNonNull(rates, "rates");
        rates = rates.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(rates));
    }

    /**
     * The rates of a range's rollup counters, and of the tenant's webhook requests.
     *
     * @param webhooks the tenant's webhook requests, null where they do not apply (any scope but the whole tenant)
     */
    public static AlertInputs of(Counts counts, @Nullable WebhookCounts webhooks) {
        EnumMap<AlertKind, Rate> rates = new EnumMap<>(AlertKind.class);
        Rates.bounceRate(counts).ifPresent(rate -> rates.put(AlertKind.BOUNCE_RATE, rate));
        Rates.deliveryRate(counts).ifPresent(rate -> rates.put(AlertKind.DELIVERY_RATE, rate));
        if (webhooks != null) {
            Rate.of(webhooks.failures(), webhooks.requests())
                    .ifPresent(rate -> rates.put(AlertKind.WEBHOOK_FAILURE_RATE, rate));
        }
        return new AlertInputs(rates);
    }

    /** The kind's rate, null when it had no sample. */
    public @Nullable Rate rate(AlertKind kind) {
        return rates.get(kind);
    }
}
