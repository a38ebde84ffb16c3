package io.funnelstream.infra.postgres;

import io.funnelstream.engine.lifecycle.MessageState;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.SurveyEventType;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupSource;
import io.funnelstream.engine.rollup.MessageDimensions;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupDeltas;
import io.funnelstream.engine.rollup.SurveyTally;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Recounts from Postgres. {@link #recount} reads, in one repeatable-read, read-only transaction, the consumer
 * group's positions and every message of the tenant joined with its applied opens, clicks and unknown events, in
 * message order, streamed with a fetch size; it folds them into one delta builder, so memory holds the rollups,
 * not the messages. The rebuild lock is a transaction-scoped advisory lock on a connection of its own, released by
 * the transaction's end whatever happens.
 */
final class R2dbcRollupSource implements RollupSource {

    /** Namespace of the rebuild locks ("fsrollup" in ASCII), mixed into the tenant's bits. */
    static final long LOCK_NAMESPACE = 0x66_73_72_6f_6c_6c_75_70L;
    private static final int FETCH_SIZE = 2_000;

    private static final String TENANTS = "select t.id from funnelstream_rollup_tenants() as t(id)";
    private static final String POSITIONS =
            "select log_partition, next_offset from event_log_positions where consumer_group = $1";
    private static final String APPLIED = "select log_partition, last_offset from rollup_applied where tenant_id = $1";
    private static final String RECOUNT = "select m.id, m.channel, m.provider, m.distribution_id, m.survey_id,"
            + " m.experiment_id, m.variant_key, m.variant_in_test, "
            + MessageSql.STAGE_COLUMNS.replace("_at, ", "_at, m.").replaceFirst("^", "m.") + ", m.updated_at,"
            + " e.type, e.occurred_at, e.machine_open"
            + " from messages m left join message_events e on e.tenant_id = m.tenant_id and e.message_id = m.id"
            + " and e.applied_at is not null and e.type in ('opened', 'clicked', 'unknown')"
            + " where m.tenant_id = $1 order by m.id";

    private static final String SURVEY_RECOUNT = "select se.message_id, se.type, se.occurred_at, m.channel,"
            + " m.provider, m.distribution_id, m.survey_id, m.delivered_at, m.experiment_id, m.variant_key,"
            + " m.variant_in_test"
            + " from survey_events se join messages m on m.tenant_id = se.tenant_id and m.id = se.message_id"
            + " where se.tenant_id = $1 and not se.is_bot"
            + " and se.type in ('viewed', 'started', 'completed', 'abandoned') order by se.message_id";

    private final ConnectionFactory connections;
    private final TenantTransactions transactions;

    R2dbcRollupSource(ConnectionFactory connections) {
        this.connections = connections;
        this.transactions = new TenantTransactions(connections);
    }

    @Override
    public Flux<TenantId> tenantsWithMessages() {
        return transactions.inTransaction(c -> Sql.query(c, TENANTS, row -> new TenantId(
                Sql.required(row, "id", UUID.class))));
    }

    @Override
    public Mono<Map<String, Long>> appliedUpTo(TenantId tenant) {
        return transactions.inTransaction(c -> Sql.query(c, APPLIED, row -> Map.entry(
                        Sql.required(row, "log_partition", String.class), Sql.required(row, "last_offset", Long.class)),
                        tenant.value()))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    @Override
    public <T> Mono<Optional<T>> exclusively(TenantId tenant, Mono<T> work) {
        long key = LOCK_NAMESPACE ^ tenant.value().getMostSignificantBits() ^ tenant.value().getLeastSignificantBits();
        return transactions.inTransaction(c -> Sql.query(c, "select pg_try_advisory_xact_lock($1) as locked",
                                row -> Sql.required(row, "locked", Boolean.class), key)
                        .single()
                        .flatMap(locked -> locked ? work.map(Optional::of) : Mono.just(Optional.<T>empty())))
                .single();
    }

    @Override
    public Mono<Recount> recount(TenantId tenant, String consumerGroup) {
        return Mono.usingWhen(
                connections.create(),
                c -> Mono.from(c.beginTransaction())
                        .then(Sql.update(c, "set transaction isolation level repeatable read, read only"))
                        .then(Sql.query(c, TenantTransactions.SET_TENANT, row -> true, tenant.toString()).then())
                        .then(Sql.query(c, POSITIONS, row -> Map.entry(
                                        Sql.required(row, "log_partition", Integer.class),
                                        Sql.required(row, "next_offset", Long.class)), consumerGroup)
                                .collectMap(Map.Entry::getKey, Map.Entry::getValue))
                        .flatMap(positions -> count(c, tenant).flatMap(t -> countSurveys(c, tenant, t))
                                .map(t -> new Recount(t.delta.build(), positions, t.messages, t.events))),
                c -> Mono.from(c.commitTransaction()).then(Mono.from(c.close())),
                (c, e) -> Mono.from(c.rollbackTransaction()).onErrorResume(x -> Mono.empty())
                        .then(Mono.from(c.close())),
                c -> Mono.from(c.rollbackTransaction()).onErrorResume(x -> Mono.empty())
                        .then(Mono.from(c.close())));
    }

    private Mono<Tally> count(Connection c, TenantId tenant) {
        return Flux.from(c.createStatement(RECOUNT).bind(0, tenant.value()).fetchSize(FETCH_SIZE).execute())
                .concatMap(r -> r.map(row -> Row.of(tenant, row)))
                .bufferUntilChanged(Row::messageId)
                .reduce(new Tally(), Tally::add);
    }

    /** Adds the survey funnel: per stored event its step's total, per message its tally's firsts. */
    private Mono<Tally> countSurveys(Connection c, TenantId tenant, Tally tally) {
        return Flux.from(c.createStatement(SURVEY_RECOUNT).bind(0, tenant.value()).fetchSize(FETCH_SIZE).execute())
                .concatMap(r -> r.map(row -> SurveyRecountRow.of(tenant, row)))
                .bufferUntilChanged(SurveyRecountRow::messageId)
                .reduce(tally, Tally::addSurveys);
    }

    /** One stored survey event with what its message counts under. */
    private record SurveyRecountRow(UUID messageId, MessageDimensions dimensions, @Nullable Instant deliveredAt,
            SurveyEventType type, Instant at) {

        static SurveyRecountRow of(TenantId tenant, Readable row) {
            Channel channel = Channel.fromSlug(Sql.required(row, "channel", String.class)).orElseThrow();
            Provider provider = Provider.fromSlug(Sql.required(row, "provider", String.class)).orElseThrow();
            return new SurveyRecountRow(Sql.required(row, "message_id", UUID.class),
                    new MessageDimensions(tenant, channel, provider, row.get("distribution_id", UUID.class),
                            row.get("survey_id", UUID.class), MessageSql.arm(row)),
                    row.get("delivered_at", Instant.class),
                    SurveyEventType.fromSlug(Sql.required(row, "type", String.class)).orElseThrow(),
                    Sql.required(row, "occurred_at", Instant.class));
        }
    }

    /** One message with one of its activity events (or none). */
    private record Row(UUID messageId, MessageDimensions dimensions, MessageState state,
            @Nullable MessageEvent event) {

        static Row of(TenantId tenant, Readable row) {
            UUID id = Sql.required(row, "id", UUID.class);
            Channel channel = Channel.fromSlug(Sql.required(row, "channel", String.class)).orElseThrow();
            Provider provider = Provider.fromSlug(Sql.required(row, "provider", String.class)).orElseThrow();
            Map<Stage, Instant> reached = new EnumMap<>(Stage.class);
            for (Stage stage : Stage.values()) {
                Instant at = row.get(MessageSql.column(stage), Instant.class);
                if (at != null) {
                    reached.put(stage, at);
                }
            }
            if (reached.keySet().stream().noneMatch(Stage::isStatus)) {
                reached.put(Stage.QUEUED, Sql.required(row, "updated_at", Instant.class));
            }
            MessageState state = new MessageState(id, tenant, channel, provider, reached, 0, 0, 0, null);
            MessageDimensions dimensions = new MessageDimensions(tenant, channel, provider,
                    row.get("distribution_id", UUID.class), row.get("survey_id", UUID.class), MessageSql.arm(row));
            String type = row.get("type", String.class);
            MessageEvent event = type == null ? null : activity(tenant, channel, provider, id, type, row);
            return new Row(id, dimensions, state, event);
        }

        /** Just what a recount reads of an event: its type, time and machine flag. */
        private static MessageEvent activity(TenantId tenant, Channel channel, Provider provider, UUID id,
                String type, Readable row) {
            Instant at = Sql.required(row, "occurred_at", Instant.class);
            return new MessageEvent(tenant, channel, provider, "recount", "recount", id, EventSql.type(type), at, at,
                    null, null, null, null, null, Boolean.TRUE.equals(row.get("machine_open", Boolean.class)), type);
        }
    }

    /** The recount so far. */
    private static final class Tally {

        final RollupDelta.Builder delta = RollupDelta.builder();
        long messages;
        long events;

        Tally add(List<Row> rows) {
            Row first = rows.getFirst();
            List<MessageEvent> activity = new ArrayList<>(rows.size());
            for (Row r : rows) {
                if (r.event() != null) {
                    activity.add(r.event());
                }
            }
            RollupDeltas.addFinalState(delta, first.dimensions(), first.state(), activity);
            messages++;
            events += activity.size();
            return this;
        }

        Tally addSurveys(List<SurveyRecountRow> rows) {
            SurveyRecountRow first = rows.getFirst();
            SurveyTally tally = new SurveyTally();
            for (SurveyRecountRow r : rows) {
                RollupDeltas.addSurveyEvent(delta, r.dimensions(), r.type(), r.at());
                tally.add(r.type(), r.at());
            }
            RollupDeltas.addSurveyFirsts(delta, first.dimensions(), first.deliveredAt(), tally, 1);
            events += rows.size();
            return this;
        }
    }
}
