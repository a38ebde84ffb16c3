package io.funnelstream.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server started from the binaries packaged as Maven jars, with a persistent data directory.
 *
 * <p>The data directory survives restarts (it is initialised once, never cleaned), the port is fixed so other tools can
 * reach the server, and durability is not weakened: the embedded server is the system of record of the embedded
 * default, so {@code fsync} and {@code synchronous_commit} stay on.
 *
 * <p>Only {@link #close()} stops the server: no JVM shutdown hook of its own races the application's orderly shutdown
 * (the owner closes it after everything that uses it). A server left running by a process that was killed outright is
 * recognised by its {@code postmaster.pid} in this data directory and stopped before the new one starts.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    /** The superuser that {@code initdb} creates; the embedded server trusts local connections. */
    public static final String SUPERUSER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String HOST = "localhost";

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final Settings settings;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Settings settings) {
        this.server = server;
        this.settings = settings;
    }

    /**
     * Where and how to run the server.
     *
     * @param dataDirectory the cluster's data directory; created and initialised on first start
     * @param port the fixed TCP port, which must be free; 0 picks a free one (tests)
     * @param startupTimeout how long to wait for the server to accept connections (crash recovery can take a while)
     * @param ephemeral initialise a fresh cluster on every start and delete it on close (tests)
     */
    public record Settings(Path dataDirectory, int port, Duration startupTimeout, boolean ephemeral) {

        public Settings {
            Objects.requireNonNull(dataDirectory, "dataDirectory");
            Objects.requireNonNull(startupTimeout, "startupTimeout");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be within 0..65535, was " + port);
            }
        }

        /** A persistent cluster on a fixed port: the embedded default. */
        public Settings(Path dataDirectory, int port, Duration startupTimeout) {
            this(dataDirectory, port, startupTimeout, false);
        }
    }

    /**
     * Starts the server, initialising the data directory if it holds no cluster yet.
     *
     * @throws EmbeddedPostgresException if the port is taken or the server does not come up
     */
    public static EmbeddedPostgres start(Settings settings) {
        Path dataDirectory = settings.dataDirectory().toAbsolutePath();
        OrphanedServer.stopIfRunning(dataDirectory, settings.startupTimeout());
        if (settings.port() != 0) {
            requirePortFree(settings.port());
        }
        try {
            Files.createDirectories(dataDirectory);
            long started = System.nanoTime();
            var server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(settings.ephemeral())
                    .setRegisterShutdownHook(false)
                    .setPort(settings.port())
                    .setPGStartupWait(settings.startupTimeout())
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", HOST)
                    .start();
            log.info(
                    "Embedded PostgreSQL is up on port {} with data in {} after {} ms",
                    server.getPort(),
                    dataDirectory,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return new EmbeddedPostgres(server, settings);
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedPostgresException(
                    "Embedded PostgreSQL did not start on port " + settings.port() + " with data in " + dataDirectory
                            + ": " + e.getMessage(),
                    "Read the PostgreSQL lines logged above. If the data directory is damaged, move it away to start "
                            + "from an empty one (FS_DATA_DIR chooses another).",
                    e);
        }
    }

    private static void requirePortFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Like the server itself: a port in TIME_WAIT is free, only a listener makes it taken.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new EmbeddedPostgresException(
                    "Port " + port + " for the embedded PostgreSQL is already in use.",
                    "Is another Funnelstream running with the same settings? Stop it, or choose another port with "
                            + "FS_EMBEDDED_POSTGRES_PORT (and another data directory with FS_DATA_DIR).",
                    e);
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return server.getPort();
    }

    public Path dataDirectory() {
        return settings.dataDirectory().toAbsolutePath();
    }

    /** The JDBC URL of {@code database} on this server, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + database;
    }

    /** Creates {@code database} unless it exists; returns whether it was created. */
    public boolean createDatabaseIfMissing(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a plain lower-case database name: " + database);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, null)) {
            if (exists(connection, database)) {
                return false;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("create database " + database);
            }
            log.info("Created database {} in the embedded PostgreSQL", database);
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Stops the server (a fast shutdown: open sessions are ended, committed data is kept). */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
