package io.funnelstream.api.health;

import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/** Redis is UP when it answers PING with PONG in time. */
public final class RedisHealthIndicator implements ReactiveHealthIndicator {

    private final StatefulRedisConnection<String, String> connection;
    private final Duration timeout;

    public RedisHealthIndicator(StatefulRedisConnection<String, String> connection, Duration timeout) {
        this.connection = connection;
        this.timeout = timeout;
    }

    @Override
    public Mono<Health> health() {
        Mono<Health> check = Mono.defer(() -> connection.reactive().ping())
                .map(reply -> "PONG".equals(reply)
                        ? Health.up().build()
                        : Health.down().withDetail("error", "unexpected reply to PING: " + reply).build());
        return Probe.bounded(check, timeout);
    }
}
