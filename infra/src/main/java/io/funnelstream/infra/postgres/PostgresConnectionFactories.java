package io.funnelstream.infra.postgres;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import java.time.Duration;

/** Builds the pooled R2DBC connection factory the service and its tests share. */
public final class PostgresConnectionFactories {

    /** How long a caller waits for a free connection before failing instead of queueing forever. */
    static final Duration MAX_ACQUIRE_TIME = Duration.ofSeconds(10);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration MAX_IDLE_TIME = Duration.ofMinutes(10);

    private PostgresConnectionFactories() {}

    /**
     * A connection pool over the settings. The caller owns it: {@code dispose()} (or {@code close()}) it on
     * shutdown.
     */
    public static ConnectionPool pooled(PostgresSettings settings) {
        PostgresqlConnectionConfiguration.Builder connection = PostgresqlConnectionConfiguration.builder()
                .host(settings.host())
                .port(settings.port())
                .database(settings.database())
                .username(settings.user())
                .applicationName("funnelstream")
                .forceBinary(true)
                .connectTimeout(CONNECT_TIMEOUT);
        if (settings.password() != null) {
            connection.password(settings.password());
        }
        ConnectionPoolConfiguration pool = ConnectionPoolConfiguration.builder(
                        new PostgresqlConnectionFactory(connection.build()))
                .name("funnelstream-postgres")
                .initialSize(settings.poolInitialSize())
                .maxSize(settings.poolMaxSize())
                .maxAcquireTime(MAX_ACQUIRE_TIME)
                .maxIdleTime(MAX_IDLE_TIME)
                .build();
        return new ConnectionPool(pool);
    }
}
