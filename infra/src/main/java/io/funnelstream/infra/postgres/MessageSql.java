package io.funnelstream.infra.postgres;

import io.funnelstream.engine.lifecycle.FailureDetail;
import io.funnelstream.engine.lifecycle.MessageState;
import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.ExperimentArm;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.MessageStore.ProviderMessageKey;
import io.funnelstream.engine.port.StoredMessage;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code messages} table as {@link StoredMessage}s: one column per stage ({@code <stage>_at}), the counts,
 * and the failure detail as the highest failure stage reached at its first time, with the event id, reason and
 * code kept beside it. Statements are set-based: one round trip per call, whatever the number of messages.
 */
final class MessageSql {

    private static final Stage[] STAGES = Stage.values();
    /** Arrays of an update: id, status, one per stage, three counts, bounce class, reason, code, event id. */
    private static final int WIDTH = 9 + STAGES.length;
    static final String STAGE_COLUMNS =
            Arrays.stream(STAGES).map(MessageSql::column).collect(Collectors.joining(", "));
    static final String COLUMNS = "id, tenant_id, channel, provider, provider_message_id, distribution_id, survey_id,"
            + " recipient_id, " + STAGE_COLUMNS + ", open_count, machine_open_count, click_count, failure_reason,"
            + " error_code, failure_event_id, updated_at, experiment_id, variant_key, variant_in_test";

    private static final String CREATE = """
            insert into messages (id, tenant_id, channel, provider, provider_message_id, distribution_id, survey_id,
                recipient_id, status, queued_at, experiment_id, variant_key, variant_in_test)
            select u.id::uuid, $1::uuid, u.channel, u.provider, u.pmid, u.di::uuid, u.su::uuid, u.re::uuid, 'queued',
                u.queued::timestamptz, u.ex::uuid, u.va, u.it::boolean
            from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                $9::text[], $10::text[], $11::text[], $12::text[]) as u(id, channel, provider, pmid, di, su, re,
                queued, ex, va, it)
            on conflict do nothing
            returning id""";

    /**
     * One index probe per key asked for, whatever the planner knows of the table: never a scan of the tenant's
     * messages. The ids are compared as {@code uuid}, not cast from text row by row: a cast is not leakproof, so under
     * row-level security it cannot drive an index, and the planner read every message of the tenant to hash-join
     * them (12,725 rows for 200 ids, measured). Each lookup is a lateral subquery kept apart ({@code offset 0}), so
     * that a table whose statistics lag its growth cannot turn the probes into such a join either. A message found
     * by both keys comes twice; {@link #find} keeps one.
     */
    static final String FIND = "select " + prefixed("m") + " from unnest($2::text[]::uuid[]) as k(id)"
            + " cross join lateral (select * from messages where tenant_id = $1 and id = k.id offset 0) m"
            + " union all select " + prefixed("m") + " from unnest($3::text[], $4::text[]) as k(provider, pmid)"
            + " cross join lateral (select * from messages where tenant_id = $1 and provider = k.provider"
            + " and provider_message_id = k.pmid offset 0) m";

    /**
     * Joined on ids as {@code uuid} (see {@link #FIND}), so that the planner can probe the primary key per message
     * rather than read the tenant's messages.
     */
    static final String UPDATE = "update messages m set status = u.status, "
            + Arrays.stream(STAGES).map(s -> column(s) + " = u." + column(s) + "::timestamptz")
                    .collect(Collectors.joining(", "))
            + ", open_count = u.opens::integer, machine_open_count = u.machine::integer,"
            + " click_count = u.clicks::integer,"
            + " bounce_class = u.bounce, failure_reason = u.reason, error_code = u.code, failure_event_id = u.event,"
            + " updated_at = now()"
            + " from unnest($2::text[]::uuid[], " + arrays(3, WIDTH - 1) + ") as u(id, status, " + STAGE_COLUMNS
            + ", opens, machine, clicks, bounce, reason, code, event)"
            + " where m.tenant_id = $1 and m.id = u.id";

    private MessageSql() {}

    static String column(Stage stage) {
        return stage.slug() + "_at";
    }

    private static String prefixed(String alias) {
        return Arrays.stream(COLUMNS.split(", ")).map(c -> alias + "." + c.strip()).collect(Collectors.joining(", "));
    }

    private static String arrays(int first, int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append(i == 0 ? "" : ", ").append('$').append(first + i).append("::text[]");
        }
        return b.toString();
    }

    static Flux<UUID> create(Connection c, TenantId tenant, List<StoredMessage> messages) {
        int n = messages.size();
        String[][] cols = new String[11][n];
        for (int i = 0; i < n; i++) {
            StoredMessage m = messages.get(i);
            MessageState s = m.state();
            ExperimentArm arm = m.arm();
            cols[0][i] = m.id().toString();
            cols[1][i] = s.channel().slug();
            cols[2][i] = s.provider().slug();
            cols[3][i] = m.providerMessageId();
            cols[4][i] = Sql.text(m.distributionId());
            cols[5][i] = Sql.text(m.surveyId());
            cols[6][i] = Sql.text(m.recipientId());
            cols[7][i] = Sql.text(s.firstReachedAt(Stage.QUEUED).orElseThrow());
            cols[8][i] = arm == null ? null : arm.experimentId().toString();
            cols[9][i] = arm == null ? null : arm.variant();
            cols[10][i] = arm == null ? null : Boolean.toString(arm.inTest());
        }
        return Sql.query(c, CREATE, row -> Sql.required(row, "id", UUID.class), tenant.value(),
                cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], cols[7], cols[8], cols[9], cols[10]);
    }

    static Flux<StoredMessage> find(
            Connection c, TenantId tenant, Collection<UUID> ids, Collection<ProviderMessageKey> keys) {
        String[] providers = keys.stream().map(k -> k.provider().slug()).toArray(String[]::new);
        String[] pmids = keys.stream().map(ProviderMessageKey::providerMessageId).toArray(String[]::new);
        return Sql.query(c, FIND, MessageSql::message, tenant.value(),
                        ids.stream().map(UUID::toString).toArray(String[]::new), providers, pmids)
                .distinct(StoredMessage::id);
    }

    static Mono<Void> update(Connection c, TenantId tenant, List<StoredMessage> messages) {
        int n = messages.size();
        int width = WIDTH;
        String[][] cols = new String[width][n];
        for (int i = 0; i < n; i++) {
            StoredMessage m = messages.get(i);
            MessageState s = m.state();
            FailureDetail f = s.failure();
            cols[0][i] = m.id().toString();
            cols[1][i] = s.status().slug();
            for (int k = 0; k < STAGES.length; k++) {
                cols[2 + k][i] = Sql.text(s.firstReached().get(STAGES[k]));
            }
            int j = 2 + STAGES.length;
            cols[j][i] = Integer.toString(s.opens());
            cols[j + 1][i] = Integer.toString(s.machineOpens());
            cols[j + 2][i] = Integer.toString(s.clicks());
            BounceClass bounce = f == null ? null : f.bounceClass();
            cols[j + 3][i] = bounce == null ? null : bounce.name().toLowerCase(Locale.ROOT);
            cols[j + 4][i] = f == null ? null : f.reason();
            cols[j + 5][i] = f == null ? null : f.errorCode();
            cols[j + 6][i] = f == null ? null : f.providerEventId();
        }
        Object[] args = new Object[width + 1];
        args[0] = tenant.value();
        System.arraycopy(cols, 0, args, 1, width);
        return Sql.update(c, UPDATE, args).then();
    }

    /** A row of {@link #COLUMNS} as a message. */
    static StoredMessage message(Readable row) {
        Map<Stage, Instant> reached = new EnumMap<>(Stage.class);
        for (Stage stage : STAGES) {
            Instant at = row.get(column(stage), Instant.class);
            if (at != null) {
                reached.put(stage, at);
            }
        }
        if (reached.keySet().stream().noneMatch(Stage::isStatus)) {
            // A row made without the pipeline (no queued_at): queued when it was last written.
            reached.put(Stage.QUEUED, Sql.required(row, "updated_at", Instant.class));
        }
        MessageState state = new MessageState(
                Sql.required(row, "id", UUID.class),
                new TenantId(Sql.required(row, "tenant_id", UUID.class)),
                Channel.fromSlug(Sql.required(row, "channel", String.class)).orElseThrow(),
                Provider.fromSlug(Sql.required(row, "provider", String.class)).orElseThrow(),
                reached,
                Sql.required(row, "open_count", Integer.class),
                Sql.required(row, "machine_open_count", Integer.class),
                Sql.required(row, "click_count", Integer.class),
                failure(reached, row));
        return new StoredMessage(state, row.get("provider_message_id", String.class),
                row.get("distribution_id", UUID.class), row.get("survey_id", UUID.class),
                row.get("recipient_id", UUID.class), arm(row));
    }

    /** The variant a message was sent under, from its {@code experiment_id, variant_key, variant_in_test}. */
    static @Nullable ExperimentArm arm(Readable row) {
        UUID experiment = row.get("experiment_id", UUID.class);
        String variant = row.get("variant_key", String.class);
        Boolean inTest = row.get("variant_in_test", Boolean.class);
        return experiment == null || variant == null || inTest == null
                ? null : new ExperimentArm(experiment, variant, inTest);
    }

    /** The most serious failure: the failure stage of highest rank reached, at its first time. */
    private static @Nullable FailureDetail failure(Map<Stage, Instant> reached, Readable row) {
        Stage worst = null;
        for (Stage s : reached.keySet()) {
            if (FailureDetail.isFailure(s) && (worst == null || s.statusRank() > worst.statusRank())) {
                worst = s;
            }
        }
        if (worst == null) {
            return null;
        }
        String event = row.get("failure_event_id", String.class);
        return new FailureDetail(worst, reached.get(worst), event == null ? "unknown" : event,
                row.get("failure_reason", String.class), row.get("error_code", String.class));
    }
}
