package io.funnelstream.benchmarks.analytics;

import io.funnelstream.benchmarks.analytics.SyntheticHistory.Event;
import io.funnelstream.benchmarks.analytics.SyntheticHistory.Message;
import io.funnelstream.benchmarks.analytics.SyntheticHistory.SurveyEvent;
import io.funnelstream.engine.lifecycle.MessageState;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantId;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** Writes messages and their events to the tables with COPY, in batches, as the superuser. */
final class PostgresLoader implements AutoCloseable {

    private static final int BATCH_ROWS = 50_000;
    private static final Stage[] STAGES = {
        Stage.QUEUED, Stage.SENT, Stage.DELIVERED, Stage.OPENED, Stage.READ, Stage.CLICKED, Stage.BOUNCED,
        Stage.FAILED
    };

    private final Connection connection;
    private final CopyManager copy;
    private final TenantId tenant;
    private final UUID survey;
    private final Batch messages;
    private final Batch events;
    private final Batch surveyEvents;
    private long rows;

    PostgresLoader(Connection connection, TenantId tenant, UUID survey) throws SQLException {
        this.connection = connection;
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
        this.tenant = tenant;
        this.survey = survey;
        StringBuilder stages = new StringBuilder();
        for (Stage stage : STAGES) {
            stages.append(", ").append(stage.slug()).append("_at");
        }
        this.messages = new Batch("copy messages (id, tenant_id, distribution_id, survey_id, channel, provider,"
                + " provider_message_id, status, open_count, machine_open_count, click_count" + stages
                + ") from stdin with (format csv)");
        this.events = new Batch("copy message_events (tenant_id, provider, provider_event_id, provider_message_id,"
                + " message_id, channel, type, occurred_at, received_at, machine_open, raw_type)"
                + " from stdin with (format csv)");
        this.surveyEvents = new Batch("copy survey_events (tenant_id, message_id, distribution_id, survey_id, type,"
                + " dedupe_key, occurred_at, received_at) from stdin with (format csv)");
    }

    void add(Message m, MessageState state) throws SQLException {
        StringBuilder row = messages.row();
        row.append(m.id()).append(',').append(tenant).append(',').append(m.distribution()).append(',').append(survey)
                .append(',').append(m.channel().slug()).append(',').append(m.provider().slug()).append(",pm-")
                .append(m.id()).append(',').append(state.status().slug()).append(',').append(state.opens())
                .append(',').append(state.machineOpens()).append(',').append(state.clicks());
        for (Stage stage : STAGES) {
            Instant at = m.reached().get(stage);
            row.append(',').append(at == null ? "" : at.toString());
        }
        row.append('\n');
        int n = 0;
        for (Event e : m.events()) {
            events.row().append(tenant).append(',').append(m.provider().slug()).append(',').append(m.id()).append(':')
                    .append(n++).append(",pm-").append(m.id()).append(',').append(m.id()).append(',')
                    .append(m.channel().slug()).append(',').append(e.type()).append(',').append(e.at()).append(',')
                    .append(e.at()).append(',').append(e.machine()).append(',').append(e.type()).append('\n');
        }
        for (SurveyEvent s : m.survey()) {
            surveyEvents.row().append(tenant).append(',').append(m.id()).append(',').append(m.distribution())
                    .append(',').append(survey).append(',').append(s.step().name().toLowerCase(Locale.ROOT))
                    .append(',').append(m.id()).append(':').append(s.step().name()).append(',').append(s.at())
                    .append(',').append(s.at()).append('\n');
        }
        flushFull();
    }

    /** Writes what is pending and refreshes the planner's statistics; returns the rows written. */
    long finish() throws SQLException {
        messages.flush();
        events.flush();
        surveyEvents.flush();
        try (var statement = connection.createStatement()) {
            statement.execute("analyze messages");
            statement.execute("analyze message_events");
            statement.execute("analyze survey_events");
        }
        return rows;
    }

    private void flushFull() throws SQLException {
        for (Batch batch : new Batch[] {messages, events, surveyEvents}) {
            if (batch.count >= BATCH_ROWS) {
                batch.flush();
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /** Rows of one table waiting for their COPY. */
    private final class Batch {

        private final String sql;
        private final StringBuilder text = new StringBuilder(1 << 20);
        private int count;

        Batch(String sql) {
            this.sql = sql;
        }

        StringBuilder row() {
            count++;
            return text;
        }

        void flush() throws SQLException {
            if (count == 0) {
                return;
            }
            try {
                rows += copy.copyIn(sql, new StringReader(text.toString()));
            } catch (java.io.IOException e) {
                throw new SQLException(e);
            }
            text.setLength(0);
            count = 0;
        }
    }
}
