package io.funnelstream.engine.pipeline;

import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogEntry;
import io.funnelstream.engine.port.LogRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * The coalescing stage: consecutive log batches merged into one, so that one transaction covers up to
 * {@code maxBatches} of them under load, while a batch alone waits at most {@code maxWait} for company. Cut by
 * {@link Flux#bufferTimeout(int, Duration, Scheduler, boolean)} with fair backpressure: the stage asks the log for
 * no more batches than the merged ones requested downstream can hold. Apply with {@code transform}; the scheduler
 * times the wait (a virtual-time scheduler in tests).
 */
final class LogBatches implements Function<Flux<LogBatch>, Flux<LogBatch>> {

    private final int maxBatches;
    private final Duration maxWait;
    private final Scheduler scheduler;

    LogBatches(int maxBatches, Duration maxWait, Scheduler scheduler) {
        this.maxBatches = maxBatches;
        this.maxWait = maxWait;
        this.scheduler = scheduler;
    }

    @Override
    public Flux<LogBatch> apply(Flux<LogBatch> batches) {
        if (maxBatches == 1) {
            return batches;
        }
        return batches.bufferTimeout(maxBatches, maxWait, scheduler, true)
                .filter(group -> !group.isEmpty())
                .map(LogBatches::merge)
                .name("log-batch-coalescing");
    }

    /**
     * One batch of all the records, in order; per partition its range runs from the first batch's start to the last
     * one's end; acknowledging it acknowledges each batch, in order.
     */
    static LogBatch merge(List<LogBatch> batches) {
        if (batches.size() == 1) {
            return batches.getFirst();
        }
        List<LogEntry> entries = new ArrayList<>();
        Map<Integer, long[]> spans = new TreeMap<>();
        for (LogBatch b : batches) {
            entries.addAll(b.entries());
            for (LogRange r : b.ranges()) {
                spans.merge(r.partition(), new long[] {r.from(), r.next()},
                        (x, y) -> new long[] {Math.min(x[0], y[0]), Math.max(x[1], y[1])});
            }
        }
        List<LogRange> ranges = spans.entrySet().stream()
                .map(e -> new LogRange(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .toList();
        List<LogBatch> parts = List.copyOf(batches);
        return new LogBatch(entries, ranges, () -> Flux.fromIterable(parts).concatMap(LogBatch::acknowledge).then());
    }
}
