package io.funnelstream.engine.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * How the per-scope hubs behave.
 *
 * @param coalesce at most one update per scope this often; changes in between fold into the next one
 * @param grace how long a scope's hub stays up after its last subscriber left, so a reconnect finds its ring
 * @param ringSize how many updates a hub keeps for clients that resume with {@code Last-Event-ID}
 */
public record HubSettings(Duration coalesce, Duration grace, int ringSize) {

    public static final HubSettings DEFAULT = new HubSettings(Duration.ofMillis(250), Duration.ofSeconds(30), 64);

    public HubSettings {
        Objects.requireNonNull(coalesce, "coalesce");
        Objects.requireNonNull(grace, "grace");
        if (coalesce.isNegative() || grace.isNegative() || ringSize < 1) {
            throw new IllegalArgumentException("coalesce and grace must not be negative, ringSize positive");
        }
    }
}
