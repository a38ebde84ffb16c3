package io.funnelstream.engine.alert;

import io.funnelstream.engine.metrics.Rate;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An alert as clients see it: one that fires, or a transition (it just fired, or just resolved).
 *
 * @param kind what is watched
 * @param status firing or resolved
 * @param since when it took this status
 * @param rate the rate at the last evaluation; null when the range had no sample
 * @param rule the rule it was evaluated by
 */
public record Alert(AlertKind kind, AlertStatus status, Instant since, @Nullable Rate rate, AlertRule rule) {

    public Alert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(rule, "rule");
    }
}
