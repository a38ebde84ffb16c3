package io.funnelstream.engine.pipeline;

import static io.funnelstream.engine.pipeline.TestRecords.batch;
import static io.funnelstream.engine.pipeline.TestRecords.queued;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogRange;
import io.funnelstream.engine.port.LogRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

class LogBatchesTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final AtomicInteger acks = new AtomicInteger();

    @Test
    void shouldMergeBatchesThatArriveTogetherUpToTheLimit() {
        List<LogBatch> batches = List.of(batch(0, records(2), acks), batch(2, records(3), acks),
                batch(5, records(1), acks), batch(6, records(2), acks));

        StepVerifier.create(Flux.fromIterable(batches)
                        .transform(new LogBatches(3, Duration.ofMillis(20), Schedulers.parallel())))
                .assertNext(merged -> {
                    assertThat(merged.entries()).hasSize(6);
                    assertThat(merged.ranges()).containsExactly(new LogRange(0, 0, 6));
                })
                .assertNext(rest -> assertThat(rest.ranges()).containsExactly(new LogRange(0, 6, 8)))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void shouldLetALoneBatchWaitNoLongerThanTheMaximumWait() {
        TestPublisher<LogBatch> log = TestPublisher.create();

        StepVerifier.withVirtualTime(() -> log.flux().transform(new LogBatches(8, Duration.ofMillis(20),
                        reactor.test.scheduler.VirtualTimeScheduler.get())))
                .then(() -> log.next(batch(0, records(1), acks)))
                .expectNoEvent(Duration.ofMillis(19))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(alone -> assertThat(alone.ranges()).containsExactly(new LogRange(0, 0, 1)))
                .then(() -> log.next(batch(1, records(1), acks), batch(2, records(1), acks)))
                .thenAwait(Duration.ofMillis(20))
                .assertNext(two -> assertThat(two.entries()).hasSize(2))
                .then(log::complete)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void shouldKeepRecordOrderAndAcknowledgeEveryMergedBatchInOrder() {
        List<String> order = new ArrayList<>();
        LogBatch first = new LogBatch(batch(0, records(2), acks).entries(), List.of(new LogRange(0, 0, 2)),
                () -> reactor.core.publisher.Mono.fromRunnable(() -> order.add("first")));
        LogBatch second = new LogBatch(batch(4, records(1), acks).entries(), List.of(new LogRange(0, 4, 5)),
                () -> reactor.core.publisher.Mono.fromRunnable(() -> order.add("second")));

        LogBatch merged = LogBatches.merge(List.of(first, second));
        StepVerifier.create(merged.acknowledge()).expectComplete().verify(TIMEOUT);

        assertThat(merged.entries()).extracting(e -> e.position().offset()).containsExactly(0L, 1L, 4L);
        assertThat(merged.ranges()).as("from the first start to the last end").containsExactly(new LogRange(0, 0, 5));
        assertThat(order).containsExactly("first", "second");
    }

    @Test
    void shouldPassBatchesThroughUntouchedWhenNotCoalescing() {
        LogBatch only = batch(0, records(1), acks);

        StepVerifier.create(Flux.just(only).transform(new LogBatches(1, Duration.ofMillis(20), Schedulers.parallel())))
                .expectNext(only)
                .expectComplete()
                .verify(TIMEOUT);
    }

    private static List<LogRecord> records(int n) {
        List<LogRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(queued(UUID.randomUUID(), "pm-" + UUID.randomUUID()));
        }
        return out;
    }
}
