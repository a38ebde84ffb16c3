package io.funnelstream.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogEntry;
import io.funnelstream.engine.port.LogPosition;
import io.funnelstream.engine.port.LogPositions;
import io.funnelstream.engine.port.LogRange;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.MessageStore;
import io.funnelstream.engine.port.RollupSource;
import io.funnelstream.engine.port.StoreUnavailableException;
import io.funnelstream.engine.port.StoredMessage;
import io.funnelstream.engine.rollup.RollupDelta;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Commit lanes: two partitions of the log (one tenant each) committed in transactions side by side, each partition
 * in order, the log's batches acknowledged in order, and a failure in one lane resumed from the stored positions.
 */
class CommitLanesTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final TenantId[] TENANTS = {
        TenantId.of("0a8f2a10-6c4d-4e5f-9a1b-2c3d4e5f6a70"), TenantId.of("1b8f2a10-6c4d-4e5f-9a1b-2c3d4e5f6a71")};

    private final FakeMessageStore messages = new FakeMessageStore();
    private final FakeRollupStore store = new FakeRollupStore();
    private final List<List<LogRecord>> partitions = List.of(records(TENANTS[0], 12), records(TENANTS[1], 12));
    private final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
    private final List<String> given = Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, List<LogRange>> saved = new ConcurrentHashMap<>();

    @Test
    void shouldCommitTwoPartitionsSideBySideEachInOrder() {
        // No transaction saves its positions before a second one has reached that point: with one transaction at
        // a time this never happens and the pipeline stalls.
        Sinks.Empty<Void> twoInFlight = Sinks.empty();
        AtomicInteger arrived = new AtomicInteger();
        MessageStore gated = new Recording(messages, ranges -> {
            if (arrived.incrementAndGet() == 2) {
                twoInFlight.tryEmitEmpty();
            }
            return twoInFlight.asMono();
        });
        PipelineStats stats = new PipelineStats();
        RollupPipeline pipeline = pipeline(gated, stats, 2);

        StepVerifier.create(pipeline.batches()).thenConsumeWhile(c -> true).expectComplete().verify(TIMEOUT);

        assertThat(stats.restarts()).isZero();
        assertThat(stats.records()).isEqualTo(24);
        assertThat(messages.committed().positions).containsEntry("group/0", 12L).containsEntry("group/1", 12L);
        for (int p = 0; p < 2; p++) {
            assertThat(contiguous(saved.get(p))).as("partition %d committed in order", p).isTrue();
        }
        // Each batch has records of both partitions, so of both lanes: acknowledged in the log's order.
        assertThat(acknowledged).isEqualTo(given);
        assertThat(given).hasSize(4);
        StepVerifier.create(pipeline.startup()).expectComplete().verify(TIMEOUT);
        for (TenantId tenant : TENANTS) {
            assertThat(store.sum(tenant)).isEqualTo(TestRecords.recount(messages, tenant));
        }
    }

    @Test
    void shouldResumeEveryLaneFromItsStoredPositionAfterOneLaneFails() {
        AtomicInteger partitionOneTransactions = new AtomicInteger();
        MessageStore failing = new Recording(messages, ranges -> {
            boolean second = ranges.stream().anyMatch(r -> r.partition() == 1)
                    && partitionOneTransactions.incrementAndGet() == 2;
            return second ? Mono.error(new StoreUnavailableException("lane 1 lost its connection",
                    new RuntimeException())) : Mono.empty();
        });
        PipelineStats stats = new PipelineStats();
        RollupPipeline pipeline = pipeline(failing, stats, 2);

        StepVerifier.create(pipeline.batches()).thenConsumeWhile(c -> true).expectComplete().verify(TIMEOUT);

        assertThat(stats.restarts()).isEqualTo(1);
        assertThat(stats.fencedBatches()).isZero();
        assertThat(messages.committed().positions).containsEntry("group/0", 12L).containsEntry("group/1", 12L);
        assertThat(messages.committed().deadLetters).isEmpty();
        StepVerifier.create(pipeline.startup()).expectComplete().verify(TIMEOUT);
        for (TenantId tenant : TENANTS) {
            assertThat(store.sum(tenant)).as("each record counted once")
                    .isEqualTo(TestRecords.recount(messages, tenant));
        }
        assertThat(store.sum(TENANTS[1]).isEmpty()).isFalse();
    }

    private static boolean contiguous(List<LogRange> ranges) {
        for (int i = 1; i < ranges.size(); i++) {
            if (ranges.get(i).from() != ranges.get(i - 1).next()) {
                return false;
            }
        }
        return !ranges.isEmpty() && ranges.getFirst().from() == 0;
    }

    private RollupPipeline pipeline(MessageStore messageStore, PipelineStats stats, int lanes) {
        PipelineSettings settings = PipelineSettings.defaults().withConsumerGroup("group")
                .withBatching(2, Duration.ofMillis(5))
                .withCommitLanes(lanes)
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
        var scheduler = Schedulers.parallel();
        RollupApplier applier = new RollupApplier(store, messages, settings, stats, Clock.systemUTC(), scheduler);
        RollupRebuilder rebuilder = new RollupRebuilder(noTenants(), store, "group", Clock.systemUTC(), applier);
        return new RollupPipeline(log(), positions(), messageStore, applier, rebuilder, settings, stats,
                Clock.systemUTC(), scheduler);
    }

    /** Messages of one tenant, each queued and then delivered. */
    private static List<LogRecord> records(TenantId tenant, int n) {
        List<LogRecord> out = new ArrayList<>();
        for (int i = 0; i < n / 2; i++) {
            UUID id = UUID.randomUUID();
            out.add(new LogRecord.MessageQueued(tenant, id, Channel.EMAIL, Provider.SENDGRID, "pm-" + id, null, null,
                    null, TestRecords.AT));
            out.add(LogRecord.of(new MessageEvent(tenant, Channel.EMAIL, Provider.SENDGRID, "e-" + id, "pm-" + id, id,
                    EventType.DELIVERED, TestRecords.AT.plusSeconds(i), TestRecords.AT.plusSeconds(i), null, null,
                    null, null, null, false, "delivered")));
        }
        return out;
    }

    /** Reads both partitions from their stored positions, three records of each a batch (as a Kafka poll does). */
    private EventLog log() {
        return new EventLog() {
            @Override
            public Mono<Void> append(List<LogRecord> records) {
                return Mono.error(new UnsupportedOperationException("these tests only read this log"));
            }

            @Override
            public Flux<LogBatch> consume(String group, LogPositions positions) {
                return positions.load(group, Set.of(0, 1)).flatMapMany(stored -> {
                    long[] at = {stored.getOrDefault(0, 0L), stored.getOrDefault(1, 0L)};
                    List<LogBatch> batches = new ArrayList<>();
                    while (at[0] < partitions.get(0).size() || at[1] < partitions.get(1).size()) {
                        List<LogEntry> entries = new ArrayList<>();
                        List<LogRange> ranges = new ArrayList<>();
                        for (int p = 0; p < 2; p++) {
                            long to = Math.min(partitions.get(p).size(), at[p] + 3);
                            for (long o = at[p]; o < to; o++) {
                                entries.add(new LogEntry(new LogPosition(p, o), partitions.get(p).get((int) o)));
                            }
                            if (to > at[p]) {
                                ranges.add(new LogRange(p, at[p], to));
                            }
                            at[p] = to;
                        }
                        String label = ranges.toString();
                        batches.add(new LogBatch(entries, ranges,
                                () -> Mono.fromRunnable(() -> acknowledged.add(label))));
                    }
                    return Flux.fromIterable(batches).doOnNext(b -> given.add(b.ranges().toString()));
                });
            }
        };
    }

    private LogPositions positions() {
        return (group, wanted) -> Mono.fromCallable(() -> {
            Map<Integer, Long> out = new HashMap<>();
            for (int p : wanted) {
                Long next = messages.committed().positions.get(group + "/" + p);
                if (next != null) {
                    out.put(p, next);
                }
            }
            return out;
        });
    }

    /** The fake store, recording the ranges each transaction saves, which first wait for {@code beforeSave}. */
    private final class Recording implements MessageStore {

        private final MessageStore delegate;
        private final Function<List<LogRange>, Mono<Void>> beforeSave;

        Recording(MessageStore delegate, Function<List<LogRange>, Mono<Void>> beforeSave) {
            this.delegate = delegate;
            this.beforeSave = beforeSave;
        }

        @Override
        public <T> Mono<T> inTransaction(Function<Transaction, Mono<T>> work, Predicate<? super T> commitIf) {
            List<LogRange> pending = new ArrayList<>();
            return delegate.inTransaction(tx -> work.apply(new Tx(tx, pending)), commitIf)
                    .doOnNext(result -> {
                        if (commitIf.test(result)) {
                            pending.forEach(r -> saved.computeIfAbsent(r.partition(),
                                    p -> Collections.synchronizedList(new ArrayList<>())).add(r));
                        }
                    });
        }

        @Override
        public Flux<PendingWindow> pendingWindows(long afterId, int limit, Duration minAge) {
            return delegate.pendingWindows(afterId, limit, minAge);
        }

        @Override
        public Mono<Void> windowsApplied(Collection<PendingWindow> windows) {
            return delegate.windowsApplied(windows);
        }

        @Override
        public Mono<Long> outboxBacklog() {
            return delegate.outboxBacklog();
        }

        private final class Tx implements Transaction {

            private final Transaction tx;
            private final List<LogRange> pending;

            Tx(Transaction tx, List<LogRange> pending) {
                this.tx = tx;
                this.pending = pending;
            }

            @Override
            public Flux<UUID> createMessages(TenantId tenant, List<StoredMessage> messages) {
                return tx.createMessages(tenant, messages);
            }

            @Override
            public Flux<StoredMessage> findMessages(
                    TenantId tenant, Collection<UUID> ids, Collection<ProviderMessageKey> providerIds) {
                return tx.findMessages(tenant, ids, providerIds);
            }

            @Override
            public Flux<MessageEvent> insertEvents(TenantId tenant, List<EventInsert> events) {
                return tx.insertEvents(tenant, events);
            }

            @Override
            public Flux<ClaimedEvent> claimPendingEvents(TenantId tenant, List<StoredMessage> messages) {
                return tx.claimPendingEvents(tenant, messages);
            }

            @Override
            public Mono<Void> updateMessages(TenantId tenant, List<StoredMessage> messages) {
                return tx.updateMessages(tenant, messages);
            }

            @Override
            public Flux<PendingWindow> writeWindows(List<WindowPart> windows) {
                return tx.writeWindows(windows);
            }

            @Override
            public Mono<Boolean> savePositions(String consumerGroup, List<LogRange> ranges) {
                return beforeSave.apply(ranges).then(tx.savePositions(consumerGroup, ranges))
                        .doOnNext(ok -> pending.addAll(ranges));
            }

            @Override
            public Mono<Void> deadLetter(String consumerGroup, LogEntry entry, String reason) {
                return tx.deadLetter(consumerGroup, entry, reason);
            }
        }
    }

    private static RollupSource noTenants() {
        return new RollupSource() {
            @Override
            public Flux<TenantId> tenantsWithMessages() {
                return Flux.empty();
            }

            @Override
            public Mono<Recount> recount(TenantId tenant, String consumerGroup) {
                return Mono.just(new Recount(RollupDelta.empty(), Map.of(), 0, 0));
            }

            @Override
            public Mono<Map<String, Long>> appliedUpTo(TenantId tenant) {
                return Mono.just(Map.of());
            }

            @Override
            public <T> Mono<Optional<T>> exclusively(TenantId tenant, Mono<T> work) {
                return work.map(Optional::of);
            }
        };
    }
}
