package io.funnelstream.api.health;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The embedded default's event log is the {@code event_log} table of the embedded Postgres: UP when the table answers,
 * UNKNOWN while no migration has created it, DOWN when Postgres does not answer.
 */
public final class EventLogHealthIndicator implements ReactiveHealthIndicator {

    static final String TABLE = "event_log";
    private static final String QUERY = "select to_regclass('" + TABLE + "') is not null";

    private final ConnectionFactory connectionFactory;
    private final Duration timeout;

    public EventLogHealthIndicator(ConnectionFactory connectionFactory, Duration timeout) {
        this.connectionFactory = connectionFactory;
        this.timeout = timeout;
    }

    @Override
    public Mono<Health> health() {
        Mono<Health> check = Mono.usingWhen(
                        connectionFactory.create(), EventLogHealthIndicator::tableExists, Connection::close)
                .map(exists -> (exists ? Health.up() : Health.unknown())
                        .withDetail("backend", "postgres")
                        .withDetail("table", exists ? TABLE : TABLE + " not migrated yet")
                        .build());
        return Probe.bounded(check, timeout);
    }

    private static Mono<Boolean> tableExists(Connection connection) {
        return Flux.from(connection.createStatement(QUERY).execute())
                .concatMap(result -> result.map((row, metadata) -> Boolean.TRUE.equals(row.get(0, Boolean.class))))
                .next();
    }
}
