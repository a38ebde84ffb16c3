package io.funnelstream.api.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** The machine's PostgreSQL (127.0.0.1:5432, trust, superuser postgres): one throwaway database per test class. */
public final class LocalPostgres {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5432;
    public static final String SUPERUSER = "postgres";

    private LocalPostgres() {}

    /** Creates an empty database named {@code prefix_<random>} and returns its name. */
    public static String createDatabase(String prefix) {
        byte[] suffix = new byte[4];
        ThreadLocalRandom.current().nextBytes(suffix);
        String name = prefix + "_" + HexFormat.of().formatHex(suffix);
        execute("create database " + name);
        return name;
    }

    /** Drops the database, ending any session still connected to it. */
    public static void dropDatabase(String name) {
        execute("drop database if exists " + name + " with (force)");
    }

    /** Whether {@code table} exists in {@code database}. */
    public static boolean tableExists(String database, String table) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(database), SUPERUSER, null);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select to_regclass('" + table + "') is not null")) {
            rows.next();
            return rows.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    /** A loopback port nobody listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, null);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
