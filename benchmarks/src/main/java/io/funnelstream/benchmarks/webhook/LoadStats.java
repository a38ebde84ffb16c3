package io.funnelstream.benchmarks.webhook;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What one measured phase saw, safe to record from every event-loop thread: answers by status code, events
 * acknowledged (2xx only), transport failures by kind, and the latency of every answer in microseconds.
 */
final class LoadStats {

    static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);
    private static final int SAMPLES_KEPT = 5;

    private final ConcurrentHistogram latency = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final LongAdder events = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
    private volatile long startNanos;
    private volatile long endNanos;

    void start(long nanos) {
        startNanos = nanos;
    }

    void end(long nanos) {
        endNanos = nanos;
    }

    /** An answer; {@code answerBody} is kept (a few of them) when the status is not 2xx. */
    void answered(int status, SignedRequest request, long latencyNanos, String answerBody) {
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        bytesSent.add(request.body().length);
        latency.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, latencyNanos / 1_000)));
        if (status >= 200 && status < 300) {
            events.add(request.events());
        } else if (samples.size() < SAMPLES_KEPT) {
            samples.add(status + " " + (answerBody.length() > 300 ? answerBody.substring(0, 300) + "..." : answerBody));
        }
    }

    /** No answer at all: refused connection, timeout, reset. */
    void failed(Throwable error) {
        String kind = error.getClass().getSimpleName();
        failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
        if (samples.size() < SAMPLES_KEPT) {
            samples.add(kind + ": " + error.getMessage());
        }
    }

    double seconds() {
        return Math.max(1, endNanos - startNanos) / 1e9;
    }

    long answers() {
        return statuses.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long successes() {
        return statuses.entrySet().stream()
                .filter(e -> e.getKey() >= 200 && e.getKey() < 300)
                .mapToLong(e -> e.getValue().sum())
                .sum();
    }

    long failures() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Every request sent: answered or failed. */
    long requests() {
        return answers() + failures();
    }

    /** Non-2xx answers and failures over all requests; 0 when nothing was sent. */
    double unsuccessfulRatio() {
        long all = requests();
        return all == 0 ? 0 : (double) (all - successes()) / all;
    }

    long eventsAcknowledged() {
        return events.sum();
    }

    long bytesSent() {
        return bytesSent.sum();
    }

    Map<Integer, Long> statusCounts() {
        Map<Integer, Long> out = new TreeMap<>();
        statuses.forEach((status, count) -> out.put(status, count.sum()));
        return out;
    }

    Map<String, Long> failureCounts() {
        Map<String, Long> out = new TreeMap<>();
        failures.forEach((kind, count) -> out.put(kind, count.sum()));
        return out;
    }

    List<String> samples() {
        return List.copyOf(samples);
    }

    /** A consistent copy of the latency histogram, in microseconds. */
    Histogram latencyMicros() {
        return latency.copy();
    }
}
