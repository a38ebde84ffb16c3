package io.funnelstream.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogEntry;
import io.funnelstream.engine.port.LogPosition;
import io.funnelstream.engine.port.LogRange;
import io.funnelstream.engine.port.LogRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class PartitionLanesTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final List<String> acknowledged = new ArrayList<>();

    @Test
    void shouldCutABatchByLaneKeepingEachPartitionsRecordsAndRange() {
        PartitionLanes lanes = new PartitionLanes(2);
        LogBatch batch = batch("a", new int[] {0, 1, 2, 0, 1}, 10);

        List<PartitionLanes.Part> parts = lanes.split(batch);

        assertThat(parts).extracting(PartitionLanes.Part::lane).containsExactly(0, 1);
        assertThat(parts.get(0).batch().entries()).extracting(e -> e.position().partition())
                .containsExactly(0, 2, 0);
        assertThat(parts.get(0).batch().ranges()).containsExactly(new LogRange(0, 10, 12), new LogRange(2, 10, 11));
        assertThat(parts.get(1).batch().ranges()).containsExactly(new LogRange(1, 10, 12));
    }

    @Test
    void shouldAcknowledgeABatchOnlyOnceAllItsPartsAreAndInTheLogsOrder() {
        PartitionLanes lanes = new PartitionLanes(2);
        List<PartitionLanes.Part> first = lanes.split(batch("first", new int[] {0, 1}, 0));
        List<PartitionLanes.Part> second = lanes.split(batch("second", new int[] {0}, 1));
        List<PartitionLanes.Part> third = lanes.split(batch("third", new int[] {1}, 1));

        StepVerifier.create(lanes.acknowledgements())
                .then(() -> second.getFirst().batch().acknowledge().block(TIMEOUT))
                .then(() -> first.getFirst().batch().acknowledge().block(TIMEOUT))
                .then(() -> first.getFirst().batch().acknowledge().block(TIMEOUT))
                .then(() -> assertThat(acknowledged).as("first waits for its part in lane 1").isEmpty())
                .then(() -> first.get(1).batch().acknowledge().block(TIMEOUT))
                .then(() -> assertThat(acknowledged).containsExactly("first", "second"))
                .then(() -> third.getFirst().batch().acknowledge().block(TIMEOUT))
                .then(lanes::complete)
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(acknowledged).containsExactly("first", "second", "third");
    }

    @Test
    void shouldNotHoldALanesAcknowledgementsBehindAnotherLane() {
        PartitionLanes lanes = new PartitionLanes(2);
        List<PartitionLanes.Part> slow = lanes.split(batch("slow", new int[] {0}, 0));
        List<PartitionLanes.Part> fast = lanes.split(batch("fast", new int[] {1}, 0));
        List<PartitionLanes.Part> later = lanes.split(batch("later", new int[] {0}, 1));

        StepVerifier.create(lanes.acknowledgements())
                .then(() -> later.getFirst().batch().acknowledge().block(TIMEOUT))
                .then(() -> fast.getFirst().batch().acknowledge().block(TIMEOUT))
                .then(() -> assertThat(acknowledged).as("lane 1 goes on; lane 0 keeps its order")
                        .containsExactly("fast"))
                .then(() -> slow.getFirst().batch().acknowledge().block(TIMEOUT))
                .then(lanes::complete)
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(acknowledged).containsExactly("fast", "slow", "later");
    }

    @Test
    void shouldKeepABatchOfOneLaneWhole() {
        PartitionLanes lanes = new PartitionLanes(4);
        LogBatch batch = batch("one", new int[] {1, 5, 1}, 0);

        List<PartitionLanes.Part> parts = lanes.split(batch);

        assertThat(parts).hasSize(1);
        assertThat(parts.getFirst().lane()).isEqualTo(1);
        assertThat(parts.getFirst().batch().entries()).isEqualTo(batch.entries());
        assertThat(parts.getFirst().batch().ranges()).isEqualTo(batch.ranges());
    }

    /** Records of these partitions in this order, each partition's offsets counting up from {@code from}. */
    private LogBatch batch(String label, int[] partitions, long from) {
        List<LogEntry> entries = new ArrayList<>();
        java.util.Map<Integer, Long> next = new java.util.TreeMap<>();
        for (int p : partitions) {
            long offset = next.getOrDefault(p, from);
            UUID id = UUID.randomUUID();
            LogRecord r = TestRecords.event("e-" + id, "pm-" + id, id, EventType.SENT, 0);
            entries.add(new LogEntry(new LogPosition(p, offset), r));
            next.put(p, offset + 1);
        }
        List<LogRange> ranges = next.entrySet().stream().map(e -> new LogRange(e.getKey(), from, e.getValue()))
                .toList();
        return new LogBatch(entries, ranges, () -> Mono.fromRunnable(() -> acknowledged.add(label)));
    }
}
