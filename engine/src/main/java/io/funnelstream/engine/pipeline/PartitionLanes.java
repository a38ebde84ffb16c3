package io.funnelstream.engine.pipeline;

import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogEntry;
import io.funnelstream.engine.port.LogRange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Splits the log's batches into commit lanes, so that transactions of different partitions commit side by side,
 * and acknowledges the log's batches in the order it gave them.
 *
 * <p>Partition {@code p} goes to lane {@code p % lanes}: a partition's records always take the same lane, where they
 * are committed in order, so its positions and window ids are what one lane alone would make. Partitions hold
 * disjoint tenants (the log is keyed by tenant), so transactions of different lanes never touch the same rows.
 *
 * <p>A batch whose records fall in several lanes is cut into one part per lane, each acknowledging only itself; the
 * batch is acknowledged once all its parts are, and never before a batch the log gave earlier in any of its lanes:
 * per partition, batches are acknowledged in the log's order, while the lanes do not wait for each other
 * ({@link #acknowledgements()} does it, one at a time). One instance per consumption of the log: a restart makes a
 * new one, and the parts of the old one are never acknowledged.
 */
final class PartitionLanes {

    private final int lanes;
    private final Sinks.Many<LogBatch> ready = Sinks.many().unicast().onBackpressureBuffer();
    /** Per lane, the batches with a part in it not acknowledged yet, in the log's order. */
    private final Map<Integer, ArrayDeque<Waiting>> waiting = new HashMap<>();

    /** A batch's records of one lane. */
    record Part(int lane, LogBatch batch) {}

    private static final class Waiting {
        final LogBatch batch;
        final List<Integer> lanes;
        int parts;

        Waiting(LogBatch batch, List<Integer> lanes) {
            this.batch = batch;
            this.lanes = lanes;
            this.parts = lanes.size();
        }
    }

    PartitionLanes(int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be positive: " + lanes);
        }
        this.lanes = lanes;
    }

    int lanes() {
        return lanes;
    }

    /** The lane of a partition. */
    int laneOf(int partition) {
        return partition % lanes;
    }

    /** The batch's parts, one per lane its records fall in, in lane order; one part for a batch of one lane. */
    List<Part> split(LogBatch batch) {
        Map<Integer, List<LogEntry>> entries = new TreeMap<>();
        Map<Integer, List<LogRange>> ranges = new TreeMap<>();
        for (LogRange r : batch.ranges()) {
            ranges.computeIfAbsent(laneOf(r.partition()), l -> new ArrayList<>()).add(r);
        }
        for (LogEntry e : batch.entries()) {
            entries.computeIfAbsent(laneOf(e.position().partition()), l -> new ArrayList<>()).add(e);
        }
        if (ranges.isEmpty()) {
            ranges.put(entries.isEmpty() ? 0 : entries.keySet().iterator().next(), List.of());
        }
        Waiting w = new Waiting(batch, List.copyOf(ranges.keySet()));
        synchronized (this) {
            w.lanes.forEach(lane -> waiting.computeIfAbsent(lane, l -> new ArrayDeque<>()).addLast(w));
        }
        List<Part> parts = new ArrayList<>(ranges.size());
        for (Map.Entry<Integer, List<LogRange>> lane : ranges.entrySet()) {
            AtomicBoolean acknowledged = new AtomicBoolean();
            LogBatch part = ranges.size() == 1 && entries.size() <= 1
                    ? new LogBatch(batch.entries(), batch.ranges(), () -> partDone(w, acknowledged))
                    : new LogBatch(entries.getOrDefault(lane.getKey(), List.of()), lane.getValue(),
                            () -> partDone(w, acknowledged));
            parts.add(new Part(lane.getKey(), part));
        }
        return parts;
    }

    /**
     * Acknowledges the log's batches as their parts are all acknowledged, in the log's order per lane: one at a
     * time. Errors when acknowledging one fails; completes after {@link #complete()} once the batches done are
     * acknowledged.
     */
    Flux<Void> acknowledgements() {
        return ready.asFlux().concatMap(LogBatch::acknowledge, 0);
    }

    /** No more parts will be acknowledged. */
    synchronized void complete() {
        ready.tryEmitComplete();
    }

    private Mono<Void> partDone(Waiting w, AtomicBoolean acknowledged) {
        return Mono.fromRunnable(() -> {
            if (acknowledged.compareAndSet(false, true)) {
                release(w);
            }
        });
    }

    /**
     * Emits every batch whose parts are all acknowledged and that is first in each of its lanes, until there is
     * none: a batch emitted may let a later one through.
     */
    private synchronized void release(Waiting done) {
        done.parts--;
        boolean emitted = true;
        while (emitted) {
            emitted = false;
            for (ArrayDeque<Waiting> lane : waiting.values()) {
                Waiting head = lane.peekFirst();
                if (head != null && head.parts == 0 && firstInAllItsLanes(head)) {
                    head.lanes.forEach(l -> waiting.get(l).removeFirst());
                    ready.tryEmitNext(head.batch);
                    emitted = true;
                }
            }
        }
    }

    private boolean firstInAllItsLanes(Waiting w) {
        for (int lane : w.lanes) {
            if (waiting.get(lane).peekFirst() != w) {
                return false;
            }
        }
        return true;
    }
}
