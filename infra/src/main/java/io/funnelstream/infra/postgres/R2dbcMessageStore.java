package io.funnelstream.infra.postgres;

import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogEntry;
import io.funnelstream.engine.port.LogRange;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.MessageStore;
import io.funnelstream.engine.port.StoreUnavailableException;
import io.funnelstream.engine.port.StoredMessage;
import io.funnelstream.infra.eventlog.LogRecordCodec;
import io.funnelstream.infra.eventlog.PostgresLogPositions;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The pipeline's {@link MessageStore} in Postgres over R2DBC, connected as {@code funnelstream_app}. One
 * transaction per call of {@link #inTransaction}; inside it, each tenant's statements run after
 * {@code set_config('funnelstream.tenant_id', .., true)} for that tenant, so row-level security holds while one
 * transaction spans several tenants. The outbox, positions and dead letters are system tables.
 *
 * <p>Transient failures (connections, timeouts, conflicts, a server shutting down) are reported as
 * {@link StoreUnavailableException}; see {@link SqlStates#isTransient}.
 */
final class R2dbcMessageStore implements MessageStore {

    private final ConnectionFactory connections;
    private final LogRecordCodec codec = new LogRecordCodec();

    R2dbcMessageStore(ConnectionFactory connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    @Override
    public <T> Mono<T> inTransaction(Function<Transaction, Mono<T>> work, Predicate<? super T> commitIf) {
        return transaction(c -> work.apply(new Tx(c)), commitIf);
    }

    /** One transaction on a connection of its own, committed when {@code commitIf} holds, rolled back otherwise. */
    private <T> Mono<T> transaction(Function<Connection, Mono<T>> work, Predicate<? super T> commitIf) {
        return Mono.usingWhen(
                        connections.create(),
                        c -> Mono.from(c.beginTransaction())
                                .then(Mono.defer(() -> work.apply(c)))
                                .flatMap(result -> Mono.from(commitIf.test(result)
                                                ? c.commitTransaction() : c.rollbackTransaction())
                                        .thenReturn(result)),
                        c -> Mono.from(c.close()),
                        (c, error) -> rollbackAndClose(c),
                        R2dbcMessageStore::rollbackAndClose)
                .onErrorMap(SqlStates::isTransient, R2dbcMessageStore::unavailable);
    }

    private static Mono<Void> rollbackAndClose(Connection c) {
        return Mono.from(c.rollbackTransaction())
                .onErrorResume(e -> Mono.empty())
                .then(Mono.from(c.close()));
    }

    @Override
    public Flux<PendingWindow> pendingWindows(long afterId, int limit, Duration minAge) {
        return autoCommit(c -> OutboxSql.pending(c, afterId, limit, minAge));
    }

    /**
     * Commits without waiting for the WAL flush ({@code synchronous_commit = off}): losing this transaction in a
     * crash of Postgres loses nothing, since the windows stay in the outbox and the store counts them once when
     * they are applied again, and a {@code rollup_applied} that lags only understates what the store holds. The
     * pipeline acknowledges the log after this, so the flush no longer sits on its path.
     */
    @Override
    public Mono<Void> windowsApplied(Collection<PendingWindow> windows) {
        if (windows.isEmpty()) {
            return Mono.empty();
        }
        return transaction(c -> Sql.update(c, NO_FLUSH_WAIT).then(OutboxSql.applied(c, windows)).thenReturn(true),
                        done -> true)
                .then();
    }

    @Override
    public Mono<Long> outboxBacklog() {
        return autoCommit(OutboxSql::backlog).single();
    }

    private <T> Flux<T> autoCommit(Function<Connection, Publisher<T>> work) {
        return Flux.usingWhen(connections.create(), work, Connection::close)
                .onErrorMap(SqlStates::isTransient, R2dbcMessageStore::unavailable);
    }

    private static Throwable unavailable(Throwable e) {
        return new StoreUnavailableException("Postgres: " + e.getMessage(), e);
    }

    /** One transaction; remembers which tenant it acts as, and switches only when another is asked for. */
    private final class Tx implements Transaction {

        private final Connection c;
        private @Nullable TenantId current;

        Tx(Connection c) {
            this.c = c;
        }

        private Mono<Void> as(TenantId tenant) {
            if (tenant.equals(current)) {
                return Mono.empty();
            }
            return Sql.query(c, TenantTransactions.SET_TENANT, row -> Boolean.TRUE, tenant.toString())
                    .then(Mono.fromRunnable(() -> current = tenant));
        }

        @Override
        public Flux<UUID> createMessages(TenantId tenant, List<StoredMessage> messages) {
            return as(tenant).thenMany(Flux.defer(() -> MessageSql.create(c, tenant, messages)));
        }

        @Override
        public Flux<StoredMessage> findMessages(
                TenantId tenant, Collection<UUID> ids, Collection<ProviderMessageKey> providerIds) {
            return as(tenant).thenMany(Flux.defer(() -> MessageSql.find(c, tenant, ids, providerIds)));
        }

        @Override
        public Flux<MessageEvent> insertEvents(TenantId tenant, List<EventInsert> events) {
            Map<EventSql.Inserted, MessageEvent> byKey = new HashMap<>();
            events.forEach(e -> byKey.put(EventSql.Inserted.of(e.event()), e.event()));
            return as(tenant).thenMany(Flux.defer(() -> EventSql.insert(c, tenant, events)))
                    .map(key -> Objects.requireNonNull(byKey.get(key), "inserted an event not asked for"));
        }

        @Override
        public Flux<SurveyRow> surveyTallies(TenantId tenant, Collection<UUID> messageIds) {
            return as(tenant).thenMany(Flux.defer(() -> SurveySql.tallies(c, tenant, messageIds)));
        }

        @Override
        public Flux<String> insertSurveyEvents(TenantId tenant, List<SurveyInsert> events) {
            return as(tenant).thenMany(Flux.defer(() -> SurveySql.insert(c, tenant, events)));
        }

        @Override
        public Flux<ClaimedEvent> claimPendingEvents(TenantId tenant, List<StoredMessage> messages) {
            return as(tenant).thenMany(Flux.defer(() -> EventSql.claim(c, tenant, messages)));
        }

        @Override
        public Mono<Void> updateMessages(TenantId tenant, List<StoredMessage> messages) {
            return as(tenant).then(Mono.defer(() -> MessageSql.update(c, tenant, messages)));
        }

        @Override
        public Flux<PendingWindow> writeWindows(List<WindowPart> windows) {
            return Flux.defer(() -> OutboxSql.write(c, windows));
        }

        @Override
        public Mono<Boolean> savePositions(String consumerGroup, List<LogRange> ranges) {
            return PostgresLogPositions.save(c, consumerGroup, new LogBatch(List.of(), ranges, Mono::empty));
        }

        @Override
        public Mono<Void> deadLetter(String consumerGroup, LogEntry entry, String reason) {
            LogRecord record = entry.record();
            String kind = record instanceof LogRecord.Unreadable u ? u.kind() : codec.kind(record);
            byte[] payload = record instanceof LogRecord.Unreadable u ? u.payload() : codec.encode(record);
            return Sql.update(c, DEAD_LETTER, consumerGroup, entry.position().partition(), entry.position().offset(),
                            record.tenant().value(), kind, java.nio.ByteBuffer.wrap(payload), reason)
                    .then();
        }
    }

    private static final String NO_FLUSH_WAIT = "set local synchronous_commit = off";

    private static final String DEAD_LETTER = """
            insert into pipeline_dead_letters (consumer_group, log_partition, log_offset, tenant_id, kind, payload,
                reason)
            values ($1, $2, $3, $4, $5, $6, $7)
            on conflict (consumer_group, log_partition, log_offset) do nothing""";
}
