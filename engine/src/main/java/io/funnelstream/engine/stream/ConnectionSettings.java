package io.funnelstream.engine.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * How one connection is kept.
 *
 * @param heartbeat how often an idle stream gets a comment
 * @param stallLimit a connection that has not asked for anything for this long while updates wait is closed
 */
public record ConnectionSettings(Duration heartbeat, Duration stallLimit) {

    public static final ConnectionSettings DEFAULT =
            new ConnectionSettings(Duration.ofSeconds(15), Duration.ofSeconds(60));

    public ConnectionSettings {
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(stallLimit, "stallLimit");
        if (!heartbeat.isPositive() || !stallLimit.isPositive()) {
            throw new IllegalArgumentException("heartbeat and stallLimit must be positive");
        }
    }
}
