package io.funnelstream.engine.pipeline;

import static io.funnelstream.engine.pipeline.TestRecords.TENANT;
import static io.funnelstream.engine.pipeline.TestRecords.event;
import static io.funnelstream.engine.pipeline.TestRecords.queued;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogPositions;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.RollupSource;
import io.funnelstream.engine.rollup.RollupDelta;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The whole pipeline over fakes, in virtual time. */
class RollupPipelineTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final FakeMessageStore messages = new FakeMessageStore();
    private final FakeRollupStore store = new FakeRollupStore();
    private final AtomicInteger acks = new AtomicInteger();
    private final List<LogRecord> log = new ArrayList<>();

    @Test
    void shouldResumeFromTheStoredPositionsWithBackoffWhilePostgresIsDown() {
        for (int i = 0; i < 10; i++) {
            UUID id = UUID.randomUUID();
            log.add(queued(id, "pm-" + id));
            log.add(event("e-" + id, "pm-" + id, id, EventType.DELIVERED, i));
        }
        messages.down(true);
        PipelineStats stats = new PipelineStats();
        AtomicReference<RollupPipeline> built = new AtomicReference<>();

        StepVerifier.withVirtualTime(() -> {
                    built.set(pipeline(stats));
                    return built.get().batches();
                })
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(3))
                .then(() -> assertThat(stats.restarts()).as("retried while down").isGreaterThan(2))
                .then(() -> messages.down(false))
                .thenAwait(Duration.ofSeconds(2))
                .expectNextCount(2)
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(stats.records()).isEqualTo(20);
        assertThat(acks.get()).as("every batch of the log acknowledged, two to a transaction").isEqualTo(4);
        assertThat(messages.committed().positions).containsEntry("group/0", 20L);
        StepVerifier.create(built.get().startup()).expectComplete().verify(TIMEOUT);
        assertThat(store.sum(TENANT)).isEqualTo(TestRecords.recount(messages, TENANT));
    }

    @Test
    void shouldStartOnlyAfterCheckingTheStoreAndDrainingTheOutbox() {
        UUID id = UUID.randomUUID();
        log.add(queued(id, "pm-" + id));
        PipelineStats stats = new PipelineStats();
        RollupPipeline pipeline = pipeline(stats);

        StepVerifier.create(pipeline.batches()).expectNextCount(1).expectComplete().verify(TIMEOUT);
        assertThat(store.calls()).as("no window applied before the check").isZero();

        StepVerifier.create(pipeline.startup()).expectComplete().verify(TIMEOUT);
        assertThat(messages.committed().outbox).isEmpty();
        assertThat(store.sum(TENANT)).isEqualTo(TestRecords.recount(messages, TENANT));
    }

    private RollupPipeline pipeline(PipelineStats stats) {
        PipelineSettings settings = PipelineSettings.defaults().withConsumerGroup("group")
                .withBatching(2, Duration.ofMillis(10))
                .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(1));
        var scheduler = reactor.core.scheduler.Schedulers.parallel();
        RollupApplier applier = new RollupApplier(store, messages, settings, stats, Clock.systemUTC(), scheduler);
        RollupRebuilder rebuilder = new RollupRebuilder(noTenants(), store, "group", Clock.systemUTC(), applier);
        return new RollupPipeline(fakeLog(), positions(), messages, applier, rebuilder, settings, stats,
                Clock.systemUTC(), scheduler);
    }

    /** Reads the list from the stored position, five records a batch, and ends. */
    private EventLog fakeLog() {
        return new EventLog() {
            @Override
            public Mono<Void> append(List<LogRecord> records) {
                return Mono.fromRunnable(() -> log.addAll(records));
            }

            @Override
            public Flux<LogBatch> consume(String group, LogPositions positions) {
                return positions.load(group, java.util.Set.of(0)).flatMapMany(stored -> {
                    long from = stored.getOrDefault(0, 0L);
                    List<LogBatch> batches = new ArrayList<>();
                    for (long at = from; at < log.size(); at += 5) {
                        batches.add(TestRecords.batch(at, log.subList((int) at, (int) Math.min(log.size(), at + 5)),
                                acks));
                    }
                    return Flux.fromIterable(batches);
                });
            }
        };
    }

    private LogPositions positions() {
        return (group, partitions) -> Mono.fromCallable(() -> {
            Long next = messages.committed().positions.get(group + "/0");
            return next == null ? Map.<Integer, Long>of() : Map.of(0, next);
        });
    }

    private static RollupSource noTenants() {
        return new RollupSource() {
            @Override
            public Flux<io.funnelstream.engine.model.TenantId> tenantsWithMessages() {
                return Flux.empty();
            }

            @Override
            public Mono<Recount> recount(io.funnelstream.engine.model.TenantId tenant, String consumerGroup) {
                return Mono.just(new Recount(RollupDelta.empty(), Map.of(), 0, 0));
            }

            @Override
            public Mono<Map<String, Long>> appliedUpTo(io.funnelstream.engine.model.TenantId tenant) {
                return Mono.just(Map.of());
            }

            @Override
            public <T> Mono<Optional<T>> exclusively(io.funnelstream.engine.model.TenantId tenant, Mono<T> work) {
                return work.map(Optional::of);
            }
        };
    }
}
