package io.funnelstream.infra.postgres;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where the database is and how many connections to keep.
 *
 * @param host server host name or address
 * @param port server port
 * @param database database name
 * @param user login role; the service uses {@code funnelstream_app}, migrations the owner
 * @param password null when the server authenticates otherwise (trust, certificates)
 * @param poolInitialSize connections opened up front
 * @param poolMaxSize most connections open at once
 */
public record PostgresSettings(
        String host,
        int port,
        String database,
        String user,
        @Nullable String password,
        int poolInitialSize,
        int poolMaxSize) {

    public static final int DEFAULT_POOL_INITIAL_SIZE = 2;
    public static final int DEFAULT_POOL_MAX_SIZE = 10;

    public PostgresSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (poolInitialSize < 0 || poolMaxSize < 1 || poolInitialSize > poolMaxSize) {
            throw new IllegalArgumentException(
                    "pool sizes need 0 <= initial <= max and max >= 1: " + poolInitialSize + ", " + poolMaxSize);
        }
    }

    /** Settings with the default pool sizes. */
    public static PostgresSettings of(
            String host, int port, String database, String user, @Nullable String password) {
        return new PostgresSettings(
                host, port, database, user, password, DEFAULT_POOL_INITIAL_SIZE, DEFAULT_POOL_MAX_SIZE);
    }

    public PostgresSettings withPool(int initialSize, int maxSize) {
        return new PostgresSettings(host, port, database, user, password, initialSize, maxSize);
    }

    /** The same database for pgjdbc, as {@link Migrations} wants it. */
    public String jdbcUrl() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/" + database;
    }

    /** Keeps the password out of logs. */
    @Override
    public String toString() {
        return "PostgresSettings[host=" + host + ", port=" + port + ", database=" + database + ", user=" + user
                + ", password=" + (password == null ? "none" : "***") + ", pool=" + poolInitialSize + ".."
                + poolMaxSize + "]";
    }
}
