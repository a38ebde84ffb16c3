package io.funnelstream.benchmarks.analytics;

import io.funnelstream.engine.model.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The plain SQL a reader would write over the raw events, one GROUP BY per question: what the rollups are measured
 * against. Run as the superuser (no row-level security), with the planner's statistics fresh.
 */
final class PlainSql {

    static final String OVERVIEW = "select channel, provider, type, count(*) from message_events"
            + " where tenant_id = ? and occurred_at >= ? and occurred_at < ? group by 1, 2, 3";

    static final String FUNNEL = "select type, count(distinct message_id) from ("
            + " select message_id, type from message_events where tenant_id = ? and occurred_at >= ?"
            + " and occurred_at < ? and type in ('sent', 'delivered')"
            + " union all"
            + " select message_id, type from survey_events where tenant_id = ? and occurred_at >= ?"
            + " and occurred_at < ? and type in ('viewed', 'started', 'completed')) e group by type";

    static final String TIMELINE = "select date_trunc('hour', occurred_at, 'UTC'), type, count(*) from message_events"
            + " where tenant_id = ? and occurred_at >= ? and occurred_at < ? group by 1, 2";

    private final Connection connection;
    private final TenantId tenant;
    private final OffsetDateTime from;
    private final OffsetDateTime to;

    PlainSql(Connection connection, TenantId tenant, Instant from, Instant to) {
        this.connection = connection;
        this.tenant = tenant;
        this.from = OffsetDateTime.ofInstant(from, ZoneOffset.UTC);
        this.to = OffsetDateTime.ofInstant(to, ZoneOffset.UTC);
    }

    /** Runs the statement and returns how many rows it gave (read to the end). */
    long run(String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int repeats = sql.equals(FUNNEL) ? 2 : 1;
            for (int r = 0; r < repeats; r++) {
                statement.setObject(1 + 3 * r, tenant.value());
                statement.setObject(2 + 3 * r, from);
                statement.setObject(3 + 3 * r, to);
            }
            long rows = 0;
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows++;
                }
            }
            return rows;
        }
    }

    /** The plan Postgres chose, for the record. */
    String explain(String sql) throws SQLException {
        String text = sql.replaceFirst("tenant_id = \\?", "tenant_id = '" + tenant + "'");
        text = text.replace("occurred_at >= ?", "occurred_at >= '" + from + "'")
                .replace("occurred_at < ?", "occurred_at < '" + to + "'")
                .replace("tenant_id = ?", "tenant_id = '" + tenant + "'");
        StringBuilder plan = new StringBuilder();
        try (var statement = connection.createStatement(); ResultSet rows = statement.executeQuery("explain " + text)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
