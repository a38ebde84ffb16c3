package io.funnelstream.infra.postgres;

import io.funnelstream.engine.model.SurveyEvent;
import io.funnelstream.engine.model.SurveyEventType;
import io.funnelstream.engine.model.SurveyProgress;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.MessageStore.SurveyInsert;
import io.funnelstream.engine.port.MessageStore.SurveyRow;
import io.funnelstream.engine.rollup.SurveyTally;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Flux;

/**
 * The {@code survey_events} table: a batch's events inserted once each (the unique dedupe key refuses repeats, and
 * {@code returning} tells which rows are new), the tallies of messages (bots left out), and the open surveys the
 * inactivity timers are rebuilt from.
 */
final class SurveySql {

    private static final String INSERT = """
            insert into survey_events (tenant_id, message_id, recipient_id, distribution_id, survey_id, type,
                question_index, dedupe_key, occurred_at, received_at, client, is_bot)
            select $1::uuid, u.mid::uuid, u.rid::uuid, u.did::uuid, u.sid::uuid, u.type, u.q::integer, u.k,
                u.occurred::timestamptz, u.received::timestamptz, u.client::jsonb, u.bot::boolean
            from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                $9::text[], $10::text[], $11::text[], $12::text[]) as u(mid, rid, did, sid, type, q, k, occurred,
                received, client, bot)
            on conflict (tenant_id, dedupe_key) do nothing
            returning dedupe_key""";

    private static final String TALLIES = """
            select message_id, type, count(*) as n, min(occurred_at) as first_at, max(occurred_at) as last_at
            from survey_events
            where tenant_id = $1 and message_id = any($2::uuid[]) and not is_bot
            group by message_id, type""";

    /** Started, not completed, and active after the last abandonment (or never abandoned). */
    private static final String OPEN = """
            select message_id, min(recipient_id::text) as recipient_id, min(distribution_id::text) as distribution_id,
                min(survey_id::text) as survey_id, max(occurred_at) filter (where type <> 'abandoned') as last_at
            from survey_events
            where tenant_id = $1 and not is_bot and message_id is not null
            group by message_id
            having bool_or(type in ('started', 'progress')) and not bool_or(type = 'completed')
                and coalesce(max(occurred_at) filter (where type = 'abandoned') < max(occurred_at)
                    filter (where type <> 'abandoned'), true)""";

    private SurveySql() {}

    static Flux<String> insert(Connection c, TenantId tenant, Collection<SurveyInsert> events) {
        int n = events.size();
        String[][] cols = new String[11][n];
        int i = 0;
        for (SurveyInsert insert : events) {
            SurveyEvent e = insert.event();
            cols[0][i] = insert.known() ? e.messageId().toString() : null;
            cols[1][i] = Sql.text(e.recipientId());
            cols[2][i] = Sql.text(e.distributionId());
            cols[3][i] = Sql.text(e.surveyId());
            cols[4][i] = e.type().slug();
            cols[5][i] = Sql.text(e.questionIndex());
            cols[6][i] = e.dedupeKey();
            cols[7][i] = Sql.text(e.occurredAt());
            cols[8][i] = Sql.text(e.receivedAt());
            cols[9][i] = client(e, insert.known());
            cols[10][i] = Boolean.toString(e.bot());
            i++;
        }
        Object[] args = new Object[12];
        args[0] = tenant.value();
        System.arraycopy(cols, 0, args, 1, 11);
        return Sql.query(c, INSERT, row -> Sql.required(row, "dedupe_key", String.class), args);
    }

    static Flux<SurveyRow> tallies(Connection c, TenantId tenant, Collection<UUID> messageIds) {
        return Sql.query(c, TALLIES, SurveySql::row, tenant.value(),
                messageIds.stream().map(UUID::toString).toArray(String[]::new));
    }

    static Flux<SurveyProgress> open(Connection c, TenantId tenant) {
        return Sql.query(c, OPEN, row -> new SurveyProgress(tenant, Sql.required(row, "message_id", UUID.class),
                uuid(row, "recipient_id"), uuid(row, "distribution_id"), uuid(row, "survey_id"),
                Sql.required(row, "last_at", Instant.class), true, false), tenant.value());
    }

    private static SurveyRow row(Readable row) {
        String type = Sql.required(row, "type", String.class);
        return new SurveyRow(Sql.required(row, "message_id", UUID.class),
                SurveyEventType.fromSlug(type).orElseThrow(() -> new IllegalStateException("survey type " + type)),
                new SurveyTally.Stat(Sql.required(row, "n", Long.class), Sql.required(row, "first_at", Instant.class),
                        Sql.required(row, "last_at", Instant.class)));
    }

    private static @org.jspecify.annotations.Nullable UUID uuid(Readable row, String column) {
        String value = row.get(column, String.class);
        return value == null ? null : UUID.fromString(value);
    }

    /** Device data as a JSON object; an event of an unknown message keeps the message it named there. */
    private static String client(SurveyEvent e, boolean known) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, String> entry : e.client().entrySet()) {
            appendMember(json, entry.getKey(), entry.getValue());
        }
        if (!known) {
            appendMember(json, "unknownMessageId", e.messageId().toString());
        }
        if (e.inactiveSince() != null) {
            appendMember(json, "inactiveSince", e.inactiveSince().toString());
        }
        return json.append('}').toString();
    }

    private static void appendMember(StringBuilder json, String name, String value) {
        if (json.length() > 1) {
            json.append(',');
        }
        quote(json, name).append(':');
        quote(json, value);
    }

    private static StringBuilder quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"');
    }
}
