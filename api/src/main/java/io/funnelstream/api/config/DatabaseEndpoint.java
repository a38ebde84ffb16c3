package io.funnelstream.api.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where the database is and who connects to it: the one value the embedded default and the production profile each
 * produce, and everything that talks to Postgres starts from.
 *
 * @param host server host
 * @param port server port
 * @param database database name
 * @param user the role the application connects as
 * @param password its password, or none
 * @param migrationUser the role that owns the schema and runs the migrations
 * @param migrationPassword its password, or none
 */
public record DatabaseEndpoint(
        String host,
        int port,
        String database,
        String user,
        @Nullable String password,
        String migrationUser,
        @Nullable String migrationPassword) {

    public DatabaseEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(migrationUser, "migrationUser");
        password = blankToNull(password);
        migrationPassword = blankToNull(migrationPassword);
    }

    /** The JDBC URL, without credentials (the migration tool speaks JDBC). */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "DatabaseEndpoint[" + user + "@" + host + ":" + port + "/" + database + "]";
    }
}
