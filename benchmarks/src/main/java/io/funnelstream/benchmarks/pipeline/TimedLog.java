package io.funnelstream.benchmarks.pipeline;

import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogEntry;
import io.funnelstream.engine.port.LogPositions;
import io.funnelstream.engine.port.LogRecord;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Wraps the event log the pipeline reads so that acknowledging a batch (which the pipeline does after the batch's
 * windows reached the rollup store) records, for each of its events, how long after it was handed to the log
 * (its {@code receivedAt}, set just before the append) that happened: append to rollup visible. Counts the
 * records acknowledged, and how long after its append each event was handed to the pipeline.
 */
final class TimedLog implements EventLog {

    private final EventLog delegate;
    private final Clock clock;
    private final Histogram freshnessMicros = new Histogram(60_000_000L, 3);
    private final Histogram readMicros = new Histogram(60_000_000L, 3);
    private final AtomicLong acknowledged = new AtomicLong();
    private volatile boolean recording;

    TimedLog(EventLog delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public Mono<Void> append(List<LogRecord> records) {
        return delegate.append(records);
    }

    @Override
    public Mono<Map<Integer, Long>> endOffsets() {
        return delegate.endOffsets();
    }

    @Override
    public Flux<LogBatch> consume(String consumerGroup, LogPositions positions) {
        return delegate.consume(consumerGroup, positions).map(this::timed);
    }

    private LogBatch timed(LogBatch batch) {
        sinceAppend(readMicros, batch);
        return new LogBatch(batch.entries(), batch.ranges(), () -> batch.acknowledge().then(Mono.fromRunnable(() -> {
            sinceAppend(freshnessMicros, batch);
            acknowledged.addAndGet(batch.entries().size());
        })));
    }

    /** While recording, how long ago each event of the batch was appended, into {@code micros}. */
    private void sinceAppend(Histogram micros, LogBatch batch) {
        if (!recording) {
            return;
        }
        long now = clock.millis();
        synchronized (micros) {
            for (LogEntry e : batch.entries()) {
                if (e.record() instanceof LogRecord.Message m) {
                    long since = Math.max(0, (now - m.event().receivedAt().toEpochMilli()) * 1000);
                    micros.recordValue(Math.min(since, micros.getHighestTrackableValue()));
                }
            }
        }
    }

    long acknowledged() {
        return acknowledged.get();
    }

    void recording(boolean on) {
        recording = on;
    }

    /** Append to the batch handed to the pipeline: the log's part of freshness, with any wait for demand. */
    Histogram read() {
        synchronized (readMicros) {
            return readMicros.copy();
        }
    }

    Histogram freshness() {
        synchronized (freshnessMicros) {
            return freshnessMicros.copy();
        }
    }
}
