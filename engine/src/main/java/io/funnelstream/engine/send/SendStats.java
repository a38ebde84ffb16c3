package io.funnelstream.engine.send;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one worker's sending, read by metrics. */
public final class SendStats {

    final LongAdder claimed = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder suppressed = new LongAdder();
    final LongAdder held = new LongAdder();
    final LongAdder lostLeases = new LongAdder();
    final LongAdder recorded = new LongAdder();
    final LongAdder recordFailures = new LongAdder();

    public long claimed() {
        return claimed.sum();
    }

    public long sent() {
        return sent.sum();
    }

    /** Messages failed for good (after their retries, or at once for a permanent failure). */
    public long failed() {
        return failed.sum();
    }

    /** Retryable failures put back for a later attempt. */
    public long retried() {
        return retried.sum();
    }

    public long suppressed() {
        return suppressed.sum();
    }

    /** Messages put back by their experiment (waiting for a winner, a paused experiment, a later send time). */
    public long held() {
        return held.sum();
    }

    /** Outcomes not stored because the worker no longer held the row (its lease expired, or it was cancelled). */
    public long lostLeases() {
        return lostLeases.sum();
    }

    /** Finished sends written to the event log. */
    public long recorded() {
        return recorded.sum();
    }

    /** Attempts to write finished sends to the event log that failed (they are tried again). */
    public long recordFailures() {
        return recordFailures.sum();
    }
}
