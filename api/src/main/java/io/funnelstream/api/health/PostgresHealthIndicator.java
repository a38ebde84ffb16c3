package io.funnelstream.api.health;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Postgres is UP when a pooled R2DBC connection answers a validation query in time. */
public final class PostgresHealthIndicator implements ReactiveHealthIndicator {

    static final String QUERY = "select current_setting('server_version')";

    private final ConnectionFactory connectionFactory;
    private final Duration timeout;
    private final Map<String, Object> details;

    /**
     * @param details fixed details shown beside the server version (e.g. where the embedded server keeps its data)
     */
    public PostgresHealthIndicator(ConnectionFactory connectionFactory, Duration timeout, Map<String, Object> details) {
        this.connectionFactory = connectionFactory;
        this.timeout = timeout;
        this.details = Map.copyOf(details);
    }

    @Override
    public Mono<Health> health() {
        Mono<Health> check = Mono.usingWhen(
                        connectionFactory.create(), PostgresHealthIndicator::version, Connection::close)
                .map(version -> Health.up().withDetail("version", version).withDetails(details).build());
        return Probe.bounded(check, timeout);
    }

    private static Mono<String> version(Connection connection) {
        return Flux.from(connection.createStatement(QUERY).execute())
                .concatMap(result -> result.map((row, metadata) -> String.valueOf(row.get(0, String.class))))
                .next();
    }
}
