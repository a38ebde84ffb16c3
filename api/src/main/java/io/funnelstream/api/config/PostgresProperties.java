package io.funnelstream.api.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The PostgreSQL database ({@code funnelstream.postgres.*}).
 *
 * <p>In the embedded default only the credentials, the pool and the timeouts apply: host, port and database come from
 * the embedded server.
 *
 * @param host server host (production)
 * @param port server port (production)
 * @param database database name (production)
 * @param user the role the application connects as
 * @param password its password, if the server asks for one
 * @param migrationUser the role that owns the schema and runs the migrations
 * @param migrationPassword its password, if the server asks for one
 * @param connectTimeout how long opening one connection may take
 * @param healthTimeout how long the health check's query may take before Postgres counts as down
 * @param pool the R2DBC connection pool
 */
@ConfigurationProperties("funnelstream.postgres")
public record PostgresProperties(
        String host,
        int port,
        String database,
        String user,
        @Nullable String password,
        String migrationUser,
        @Nullable String migrationPassword,
        Duration connectTimeout,
        Duration healthTimeout,
        Pool pool) {

    /**
     * The R2DBC connection pool.
     *
     * @param initialSize connections opened when the pool is first used
     * @param maxSize upper bound of open connections
     * @param maxIdleTime an idle connection older than this is closed
     * @param maxAcquireTime how long a caller may wait for a connection
     */
    public record Pool(int initialSize, int maxSize, Duration maxIdleTime, Duration maxAcquireTime) {}

    /** Never shows the passwords. */
    @Override
    public String toString() {
        return "PostgresProperties[" + user + "@" + host + ":" + port + "/" + database + ", migrationUser="
                + migrationUser + ", pool=" + pool + "]";
    }
}
