package io.funnelstream.testkit;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jspecify.annotations.Nullable;

/**
 * A fresh, empty PostgreSQL database for one test class, dropped when the class is done.
 *
 * <pre>{@code
 * @RegisterExtension
 * static PostgresTestDatabase db = new PostgresTestDatabase();
 * }</pre>
 *
 * <p>The database ({@code fs_test_<random>}) lives on the JVM's shared server: 127.0.0.1:5432 as
 * {@code postgres} when that answers, else one Testcontainers PostgreSQL per JVM when Docker is available;
 * otherwise the class fails with a message saying what to start. Register it on a static field: it works per
 * class, so the accessors fail in an instance field.
 */
public final class PostgresTestDatabase implements BeforeAllCallback, AfterAllCallback {

    private static final SecureRandom RANDOM = new SecureRandom();

    private @Nullable PostgresServer server;
    private @Nullable String database;

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        PostgresServer shared = PostgresServer.shared();
        String name = "fs_test_" + HexFormat.of().formatHex(randomBytes());
        shared.administer("create database " + name);
        server = shared;
        database = name;
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        PostgresServer shared = server;
        String name = database;
        server = null;
        database = null;
        if (shared != null && name != null) {
            shared.administer("drop database if exists " + name + " with (force)");
        }
    }

    /** {@code jdbc:postgresql://host:port/database}, without credentials. */
    public String jdbcUrl() {
        return server().jdbcUrl(database());
    }

    public String host() {
        return server().host();
    }

    public int port() {
        return server().port();
    }

    /** The name of this class's database. */
    public String database() {
        String name = database;
        if (name == null) {
            throw notStarted();
        }
        return name;
    }

    /** A superuser of the server, for migrations and test setup. */
    public String superuser() {
        return server().superuser();
    }

    /** The superuser's password, or null where the server trusts loopback connections. */
    public @Nullable String superuserPassword() {
        return server().superuserPassword();
    }

    /** A new superuser JDBC connection to this class's database; the caller closes it. */
    public Connection openSuperuserConnection() throws SQLException {
        return server().connect(database());
    }

    private PostgresServer server() {
        PostgresServer s = server;
        if (s == null) {
            throw notStarted();
        }
        return s;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static IllegalStateException notStarted() {
        return new IllegalStateException("PostgresTestDatabase is not active: register it with @RegisterExtension "
                + "on a static field, and use it from tests or @BeforeAll/@AfterAll methods");
    }
}
