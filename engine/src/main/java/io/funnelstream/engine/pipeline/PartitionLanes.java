package io.funnelstream.engine.pipeline;

import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogEntry;
import io.funnelstream.engine.port.LogRange;
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
 * batch is acknowledged once all its parts are, and never before a batch the log gave earlier
 * ({@link #acknowledgements()} does it, one at a time). One instance per consumption of the log: a restart makes a
 * new one, and the parts of the old one are never acknowledged.
 */
final class PartitionLanes {

    private final int lanes;
    private final Sinks.Many<LogBatch> ready = Sinks.many().unicast().onBackpressureBuffer();
    private final Map<Long, Waiting> waiting = new HashMap<>();
    private long nextSeq;
    private long nextToAcknowledge;

    /** A batch's records of one lane. */
    record Part(int lane, LogBatch batch) {}

    private static final class Waiting {
        final LogBatch batch;
        int parts;

        Waiting(LogBatch batch, int parts) {
            this.batch = batch;
            this.parts = parts;
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
        long seq;
        synchronized (this) {
            seq = nextSeq++;
            waiting.put(seq, new Waiting(batch, ranges.size()));
        }
        List<Part> parts = new ArrayList<>(ranges.size());
        for (Map.Entry<Integer, List<LogRange>> lane : ranges.entrySet()) {
            AtomicBoolean acknowledged = new AtomicBoolean();
            LogBatch part = ranges.size() == 1 && entries.size() <= 1
                    ? new LogBatch(batch.entries(), batch.ranges(), () -> partDone(seq, acknowledged))
                    : new LogBatch(entries.getOrDefault(lane.getKey(), List.of()), lane.getValue(),
                            () -> partDone(seq, acknowledged));
            parts.add(new Part(lane.getKey(), part));
        }
        return parts;
    }

    /**
     * Acknowledges the log's batches, in the order they were split, as their parts are all acknowledged: one at a
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

    private Mono<Void> partDone(long seq, AtomicBoolean acknowledged) {
        return Mono.fromRunnable(() -> {
            if (acknowledged.compareAndSet(false, true)) {
                release(seq);
            }
        });
    }

    /** Emits, in order, every batch from the next one due whose parts are all acknowledged. */
    private synchronized void release(long seq) {
        Waiting w = waiting.get(seq);
        if (w == null) {
            return;
        }
        w.parts--;
        while (true) {
            Waiting next = waiting.get(nextToAcknowledge);
            if (next == null || next.parts > 0) {
                return;
            }
            waiting.remove(nextToAcknowledge);
            nextToAcknowledge++;
            ready.tryEmitNext(next.batch);
        }
    }
}
