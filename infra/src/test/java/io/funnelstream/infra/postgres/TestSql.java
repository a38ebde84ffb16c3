package io.funnelstream.infra.postgres;

import io.funnelstream.testkit.PostgresTestDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;

/** Small SQL helpers for the Postgres tests: R2DBC as the service role, JDBC as the superuser. */
final class TestSql {

    static final String APP_ROLE = "funnelstream_app";

    private TestSql() {}

    static Migrations migrations(PostgresTestDatabase db) {
        return new Migrations(db.jdbcUrl(), db.superuser(), db.superuserPassword());
    }

    /** A pool connected as the service's role, without a password (the test server trusts loopback). */
    static ConnectionPool appPool(PostgresTestDatabase db, int maxSize) {
        return PostgresConnectionFactories.pooled(
                PostgresSettings.of(db.host(), db.port(), db.database(), APP_ROLE, null).withPool(1, maxSize));
    }

    /** Rows changed by one statement. */
    static Flux<Long> update(Connection c, String sql, Object... args) {
        return Flux.from(bind(c.createStatement(sql), args).execute()).concatMap(Result::getRowsUpdated);
    }

    /** The first column of every row of one query. */
    static <T> Flux<T> column(Connection c, Class<T> type, String sql, Object... args) {
        return Flux.from(bind(c.createStatement(sql), args).execute())
                .concatMap(r -> r.map((row, meta) -> type.cast(row.get(0, type))));
    }

    private static Statement bind(Statement statement, Object... args) {
        for (int i = 0; i < args.length; i++) {
            statement.bind(i, args[i]);
        }
        return statement;
    }

    /** The first column of every row, read as superuser over JDBC. */
    static List<String> superuserStrings(PostgresTestDatabase db, String sql, Object... args) throws SQLException {
        try (java.sql.Connection c = db.openSuperuserConnection();
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    /** Runs one statement as superuser over JDBC. */
    static void superuserExecute(PostgresTestDatabase db, String sql, Object... args) throws SQLException {
        try (java.sql.Connection c = db.openSuperuserConnection();
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.execute();
        }
    }
}
