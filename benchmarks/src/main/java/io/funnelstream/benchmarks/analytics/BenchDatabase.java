package io.funnelstream.benchmarks.analytics;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.infra.postgres.Migrations;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * A database of the benchmark's own on the machine's Postgres (superuser {@code postgres}, trust on loopback),
 * migrated as in production, with one tenant, a survey and 20 distributions.
 */
final class BenchDatabase {

    private static final String SUPERUSER = "postgres";
    /** Held so the level sticks: the migration tool logs every change set through java.util.logging. */
    private static final java.util.logging.Logger LIQUIBASE = java.util.logging.Logger.getLogger("liquibase");

    private final String host;
    private final int port;
    private final String name;
    private final TenantId tenant;
    private final UUID survey;
    private final List<UUID> distributions;

    private BenchDatabase(String host, int port, String name, TenantId tenant, UUID survey, List<UUID> distributions) {
        this.host = host;
        this.port = port;
        this.name = name;
        this.tenant = tenant;
        this.survey = survey;
        this.distributions = distributions;
    }

    static BenchDatabase create(String host, int port) throws SQLException {
        byte[] suffix = new byte[4];
        new SecureRandom().nextBytes(suffix);
        String name = "analytics_bench_" + HexFormat.of().formatHex(suffix);
        try (Connection admin = connect(host, port, "postgres")) {
            admin.createStatement().execute("create database " + name);
        }
        LIQUIBASE.setLevel(java.util.logging.Level.WARNING);
        new Migrations(url(host, port, name), SUPERUSER, null).up();
        try (Connection c = connect(host, port, name)) {
            TenantId tenant = new TenantId(single(c, "select funnelstream_create_tenant('bench', 'Bench')"));
            UUID survey = single(c, "insert into surveys (tenant_id, title, link) values ('" + tenant
                    + "', 'NPS', 'https://survey.example') returning id");
            List<UUID> distributions = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                distributions.add(single(c, "insert into distributions (tenant_id, survey_id, name, status) values ('"
                        + tenant + "', '" + survey + "', 'distribution " + i + "', 'running') returning id"));
            }
            System.out.printf("database %s on %s:%d%n", name, host, port);
            return new BenchDatabase(host, port, name, tenant, survey, distributions);
        }
    }

    /** A database an earlier run created and kept ({@code keep=true}), with its tenant, survey and distributions. */
    static BenchDatabase open(String host, int port, String name) throws SQLException {
        try (Connection c = connect(host, port, name)) {
            TenantId tenant = new TenantId(single(c, "select id from tenants where slug = 'bench'"));
            UUID survey = single(c, "select id from surveys where tenant_id = '" + tenant + "'");
            List<UUID> distributions = new ArrayList<>();
            try (PreparedStatement statement = c.prepareStatement(
                            "select id from distributions where tenant_id = ? order by name");
                    ResultSet rows = bind(statement, tenant.value()).executeQuery()) {
                while (rows.next()) {
                    distributions.add(rows.getObject(1, UUID.class));
                }
            }
            System.out.printf("database %s on %s:%d (kept by an earlier run)%n", name, host, port);
            return new BenchDatabase(host, port, name, tenant, survey, distributions);
        }
    }

    private static PreparedStatement bind(PreparedStatement statement, UUID value) throws SQLException {
        statement.setObject(1, value);
        return statement;
    }

    String name() {
        return name;
    }

    TenantId tenant() {
        return tenant;
    }

    UUID survey() {
        return survey;
    }

    List<UUID> distributions() {
        return distributions;
    }

    /** A new superuser connection to the benchmark's database; the caller closes it. */
    Connection superuser() throws SQLException {
        return connect(host, port, name);
    }

    void drop() throws SQLException {
        try (Connection admin = connect(host, port, "postgres")) {
            admin.createStatement().execute("drop database if exists " + name + " with (force)");
        }
    }

    static UUID single(Connection c, String sql) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getObject(1, UUID.class);
        }
    }

    private static Connection connect(String host, int port, String database) throws SQLException {
        return DriverManager.getConnection(url(host, port, database), SUPERUSER, null);
    }

    private static String url(String host, int port, String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
