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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
    static final String STAGE_COLUMNS =
            Arrays.stream(STAGES).map(MessageSql::column).collect(Collectors.joining(", "));
    static final String COLUMNS = "id, tenant_id, channel, provider, provider_message_id, distribution_id, survey_id,"
            + " recipient_id, " + STAGE_COLUMNS + ", open_count, machine_open_count, click_count, failure_reason,"
            + " error_code, failure_event_id, updated_at, experiment_id, variant_key, variant_in_test";

    /**
     * Where each of {@link #COLUMNS} is in a row: every statement read with {@link #message} selects exactly those,
     * in that order. A read by position is a plain index; a read by name lower-cases the name and looks it up, for
     * each of 24 columns of thousands of rows per batch.
     */
    private static final List<String> COLUMN_NAMES = List.of(COLUMNS.split(", "));
    private static final int ID = position("id");
    private static final int TENANT = position("tenant_id");
    private static final int CHANNEL = position("channel");
    private static final int PROVIDER = position("provider");
    private static final int PROVIDER_MESSAGE_ID = position("provider_message_id");
    private static final int DISTRIBUTION = position("distribution_id");
    private static final int SURVEY = position("survey_id");
    private static final int RECIPIENT = position("recipient_id");
    private static final int OPENS = position("open_count");
    private static final int MACHINE_OPENS = position("machine_open_count");
    private static final int CLICKS = position("click_count");
    private static final int FAILURE_REASON = position("failure_reason");
    private static final int ERROR_CODE = position("error_code");
    private static final int FAILURE_EVENT = position("failure_event_id");
    private static final int UPDATED_AT = position("updated_at");
    private static final int EXPERIMENT = position("experiment_id");
    private static final int VARIANT = position("variant_key");
    private static final int IN_TEST = position("variant_in_test");
    private static final int[] STAGE_POSITIONS = Arrays.stream(STAGES).mapToInt(s -> position(column(s))).toArray();

    private static final String CREATE = """
            insert into messages (id, tenant_id, channel, provider, provider_message_id, distribution_id, survey_id,
                recipient_id, status, queued_at, experiment_id, variant_key, variant_in_test)
            select u.id, $1::uuid, u.channel, u.provider, u.pmid, u.di, u.su, u.re, 'queued', u.queued, u.ex, u.va,
                u.it
            from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::uuid[],
                $9::timestamptz[], $10::uuid[], $11::text[], $12::bool[]) as u(id, channel, provider, pmid, di, su,
                re, queued, ex, va, it)
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
    static final String FIND = "select " + prefixed("m") + " from unnest($2::uuid[]) as k(id)"
            + " cross join lateral (select * from messages where tenant_id = $1 and id = k.id offset 0) m"
            + " union all select " + prefixed("m") + " from unnest($3::text[], $4::text[]) as k(provider, pmid)"
            + " cross join lateral (select * from messages where tenant_id = $1 and provider = k.provider"
            + " and provider_message_id = k.pmid offset 0) m";

    /**
     * Joined on ids as {@code uuid} (see {@link #FIND}), so that the planner can probe the primary key per message
     * rather than read the tenant's messages.
     */
    static final String UPDATE = "update messages m set status = u.status, "
            + Arrays.stream(STAGES).map(s -> column(s) + " = u." + column(s)).collect(Collectors.joining(", "))
            + ", open_count = u.opens, machine_open_count = u.machine, click_count = u.clicks,"
            + " bounce_class = u.bounce, failure_reason = u.reason, error_code = u.code, failure_event_id = u.event,"
            + " updated_at = now()"
            + " from unnest($2::uuid[], $3::text[], " + arrays(4, STAGES.length, "timestamptz[]") + ", "
            + arrays(4 + STAGES.length, 3, "int4[]") + ", " + arrays(7 + STAGES.length, 4, "text[]")
            + ") as u(id, status, " + STAGE_COLUMNS + ", opens, machine, clicks, bounce, reason, code, event)"
            + " where m.tenant_id = $1 and m.id = u.id";

    private MessageSql() {}

    static String column(Stage stage) {
        return stage.slug() + "_at";
    }

    private static int position(String column) {
        int at = COLUMN_NAMES.indexOf(column);
        if (at < 0) {
            throw new IllegalStateException("not one of the message columns: " + column);
        }
        return at;
    }

    private static <T> T required(Readable row, int position, Class<T> type) {
        return Objects.requireNonNull(row.get(position, type), () -> COLUMN_NAMES.get(position));
    }

    private static String prefixed(String alias) {
        return Arrays.stream(COLUMNS.split(", ")).map(c -> alias + "." + c.strip()).collect(Collectors.joining(", "));
    }

    /** {@code $first::type, ...}, {@code count} parameters. */
    private static String arrays(int first, int count, String type) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append(i == 0 ? "" : ", ").append('$').append(first + i).append("::").append(type);
        }
        return b.toString();
    }

    static Flux<UUID> create(Connection c, TenantId tenant, List<StoredMessage> messages) {
        int n = messages.size();
        UUID[] ids = new UUID[n];
        String[] channels = new String[n];
        String[] providers = new String[n];
        String[] providerIds = new String[n];
        UUID[] distributions = new UUID[n];
        UUID[] surveys = new UUID[n];
        UUID[] recipients = new UUID[n];
        Instant[] queued = new Instant[n];
        UUID[] experiments = new UUID[n];
        String[] variants = new String[n];
        Boolean[] inTest = new Boolean[n];
        for (int i = 0; i < n; i++) {
            StoredMessage m = messages.get(i);
            MessageState s = m.state();
            ExperimentArm arm = m.arm();
            ids[i] = m.id();
            channels[i] = s.channel().slug();
            providers[i] = s.provider().slug();
            providerIds[i] = m.providerMessageId();
            distributions[i] = m.distributionId();
            surveys[i] = m.surveyId();
            recipients[i] = m.recipientId();
            queued[i] = s.firstReachedAt(Stage.QUEUED).orElseThrow();
            experiments[i] = arm == null ? null : arm.experimentId();
            variants[i] = arm == null ? null : arm.variant();
            inTest[i] = arm == null ? null : arm.inTest();
        }
        return Sql.query(c, CREATE, row -> Sql.required(row, "id", UUID.class), tenant.value(), PgArray.uuids(ids),
                PgArray.texts(channels), PgArray.texts(providers), PgArray.texts(providerIds),
                PgArray.uuids(distributions), PgArray.uuids(surveys), PgArray.uuids(recipients),
                PgArray.instants(queued), PgArray.uuids(experiments), PgArray.texts(variants),
                PgArray.booleans(inTest));
    }

    static Flux<StoredMessage> find(
            Connection c, TenantId tenant, Collection<UUID> ids, Collection<ProviderMessageKey> keys) {
        String[] providers = keys.stream().map(k -> k.provider().slug()).toArray(String[]::new);
        String[] pmids = keys.stream().map(ProviderMessageKey::providerMessageId).toArray(String[]::new);
        return Sql.query(c, FIND, MessageSql::message, tenant.value(), PgArray.uuids(ids.toArray(UUID[]::new)),
                        PgArray.texts(providers), PgArray.texts(pmids))
                .distinct(StoredMessage::id);
    }

    static Mono<Void> update(Connection c, TenantId tenant, List<StoredMessage> messages) {
        int n = messages.size();
        UUID[] ids = new UUID[n];
        String[] statuses = new String[n];
        Instant[][] reached = new Instant[STAGES.length][n];
        Integer[] opens = new Integer[n];
        Integer[] machineOpens = new Integer[n];
        Integer[] clicks = new Integer[n];
        String[] bounces = new String[n];
        String[] reasons = new String[n];
        String[] codes = new String[n];
        String[] events = new String[n];
        for (int i = 0; i < n; i++) {
            StoredMessage m = messages.get(i);
            MessageState s = m.state();
            FailureDetail f = s.failure();
            ids[i] = m.id();
            statuses[i] = s.status().slug();
            for (int k = 0; k < STAGES.length; k++) {
                reached[k][i] = s.firstReached().get(STAGES[k]);
            }
            opens[i] = s.opens();
            machineOpens[i] = s.machineOpens();
            clicks[i] = s.clicks();
            BounceClass bounce = f == null ? null : f.bounceClass();
            bounces[i] = bounce == null ? null : bounce.name().toLowerCase(Locale.ROOT);
            reasons[i] = f == null ? null : f.reason();
            codes[i] = f == null ? null : f.errorCode();
            events[i] = f == null ? null : f.providerEventId();
        }
        List<Object> args = new ArrayList<>();
        args.add(tenant.value());
        args.add(PgArray.uuids(ids));
        args.add(PgArray.texts(statuses));
        for (Instant[] stage : reached) {
            args.add(PgArray.instants(stage));
        }
        args.addAll(List.of(PgArray.ints(opens), PgArray.ints(machineOpens), PgArray.ints(clicks),
                PgArray.texts(bounces), PgArray.texts(reasons), PgArray.texts(codes), PgArray.texts(events)));
        return Sql.update(c, UPDATE, args.toArray()).then();
    }

    /** A row of {@link #COLUMNS}, in that order, as a message. */
    static StoredMessage message(Readable row) {
        Map<Stage, Instant> reached = new EnumMap<>(Stage.class);
        for (int k = 0; k < STAGES.length; k++) {
            Instant at = row.get(STAGE_POSITIONS[k], Instant.class);
            if (at != null) {
                reached.put(STAGES[k], at);
            }
        }
        if (reached.keySet().stream().noneMatch(Stage::isStatus)) {
            // A row made without the pipeline (no queued_at): queued when it was last written.
            reached.put(Stage.QUEUED, required(row, UPDATED_AT, Instant.class));
        }
        MessageState state = new MessageState(
                required(row, ID, UUID.class),
                new TenantId(required(row, TENANT, UUID.class)),
                Channel.fromSlug(required(row, CHANNEL, String.class)).orElseThrow(),
                Provider.fromSlug(required(row, PROVIDER, String.class)).orElseThrow(),
                reached,
                required(row, OPENS, Integer.class),
                required(row, MACHINE_OPENS, Integer.class),
                required(row, CLICKS, Integer.class),
                failure(reached, row));
        return new StoredMessage(state, row.get(PROVIDER_MESSAGE_ID, String.class),
                row.get(DISTRIBUTION, UUID.class), row.get(SURVEY, UUID.class),
                row.get(RECIPIENT, UUID.class), arm(row.get(EXPERIMENT, UUID.class), row.get(VARIANT, String.class),
                row.get(IN_TEST, Boolean.class)));
    }

    /**
     * The variant a message was sent under, from its {@code experiment_id, variant_key, variant_in_test}, read by
     * name: for rows of other statements.
     */
    static @Nullable ExperimentArm arm(Readable row) {
        return arm(row.get("experiment_id", UUID.class), row.get("variant_key", String.class),
                row.get("variant_in_test", Boolean.class));
    }

    private static @Nullable ExperimentArm arm(
            @Nullable UUID experiment, @Nullable String variant, @Nullable Boolean inTest) {
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
        String event = row.get(FAILURE_EVENT, String.class);
        return new FailureDetail(worst, reached.get(worst), event == null ? "unknown" : event,
                row.get(FAILURE_REASON, String.class), row.get(ERROR_CODE, String.class));
    }
}
