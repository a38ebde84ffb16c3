package io.funnelstream.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL server the tests of one JVM share: the local one on 127.0.0.1:5432 when it answers, else a
 * Testcontainers PostgreSQL when a Docker engine exists.
 */
record PostgresServer(String host, int port, String superuser, @Nullable String superuserPassword) {

    static final String LOCAL_HOST = "127.0.0.1";
    static final int LOCAL_PORT = 5432;
    static final String LOCAL_SUPERUSER = "postgres";
    static final int CONNECT_TIMEOUT_SECONDS = 3;

    private static @Nullable PostgresServer shared;

    /** The JVM's server, found (or started) on first use. */
    static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = find();
        }
        return shared;
    }

    private static PostgresServer find() {
        PostgresServer local = new PostgresServer(LOCAL_HOST, LOCAL_PORT, LOCAL_SUPERUSER, null);
        SQLException localFailure;
        try {
            local.connect("postgres").close();
            return local;
        } catch (SQLException e) {
            localFailure = e;
        }
        if (ContainerPostgres.dockerAvailable()) {
            return ContainerPostgres.start();
        }
        IllegalStateException failure = new IllegalStateException("No PostgreSQL for the tests: nothing answers on "
                + LOCAL_HOST + ":" + LOCAL_PORT + " as user " + LOCAL_SUPERUSER + " (" + localFailure.getMessage()
                + ") and no Docker engine is available for Testcontainers. Start a local server "
                + "(e.g. pg_ctlcluster <version> main start, with trust auth on loopback) or Docker.");
        failure.addSuppressed(localFailure);
        throw failure;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** A superuser connection to the database. */
    Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", superuser);
        if (superuserPassword != null) {
            properties.setProperty("password", superuserPassword);
        }
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", "funnelstream-testkit");
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    /** Runs one statement as superuser in the maintenance database (CREATE/DROP DATABASE). */
    void administer(String sql) throws SQLException {
        try (Connection connection = connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
