package io.funnelstream.engine.pipeline;

import io.funnelstream.engine.port.ConsumerGroups;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the rollup pipeline.
 *
 * @param consumerGroup the stable name the pipeline reads the log and stores its positions under
 * @param maxBatchesPerTransaction log batches coalesced into one transaction at most (under load; alone, a batch
 *     waits at most {@code maxBatchWait} for company)
 * @param maxBatchWait how long a log batch may wait to be coalesced with the next ones
 * @param commitLanes transactions committed side by side at most: partition {@code p} of the log is committed in
 *     lane {@code p % commitLanes}, each lane in order (one lane: one transaction at a time)
 * @param applyTimeout how long applying a committed batch's windows to the store may take before the pipeline
 *     leaves them to the outbox sweep and moves on (fail open)
 * @param applyConcurrency store calls in flight at once, for one batch and for one sweep page
 * @param sweepInterval how often the outbox is swept for windows left unapplied
 * @param sweepMinAge the sweep leaves windows younger than this to the pipeline that committed them, while the
 *     store is healthy
 * @param sweepPageSize outbox rows read per sweep page
 * @param minBackoff first wait before retrying after a failure (Postgres, the log, the store)
 * @param maxBackoff longest wait between retries
 * @param statusInterval how often lag and outbox backlog are measured
 */
public record PipelineSettings(
        String consumerGroup,
        int maxBatchesPerTransaction,
        Duration maxBatchWait,
        int commitLanes,
        Duration applyTimeout,
        int applyConcurrency,
        Duration sweepInterval,
        Duration sweepMinAge,
        int sweepPageSize,
        Duration minBackoff,
        Duration maxBackoff,
        Duration statusInterval) {

    public PipelineSettings {
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        if (maxBatchesPerTransaction < 1 || commitLanes < 1 || applyConcurrency < 1 || sweepPageSize < 1) {
            throw new IllegalArgumentException("batch, lane, concurrency and page sizes must be positive");
        }
        for (Duration d : new Duration[] {maxBatchWait, applyTimeout, sweepInterval, minBackoff, maxBackoff,
                statusInterval}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive: " + d);
            }
        }
        if (sweepMinAge.isNegative() || maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("need sweepMinAge >= 0 and maxBackoff >= minBackoff");
        }
    }

    /**
     * Group {@link ConsumerGroups#ROLLUPS}; up to 8 batches per transaction waiting at most 20 ms; 4 commit lanes;
     * 2 s to apply a batch's windows, 4 store calls in flight; a sweep every second of rows older than 2 s, 500 a
     * page; retries from 200 ms up to 30 s; status every 5 s.
     */
    public static PipelineSettings defaults() {
        return new PipelineSettings(ConsumerGroups.ROLLUPS, 8, Duration.ofMillis(20), 4, Duration.ofSeconds(2), 4,
                Duration.ofSeconds(1), Duration.ofSeconds(2), 500, Duration.ofMillis(200), Duration.ofSeconds(30),
                Duration.ofSeconds(5));
    }

    public PipelineSettings withConsumerGroup(String group) {
        return new PipelineSettings(group, maxBatchesPerTransaction, maxBatchWait, commitLanes, applyTimeout,
                applyConcurrency, sweepInterval, sweepMinAge, sweepPageSize, minBackoff, maxBackoff, statusInterval);
    }

    public PipelineSettings withBatching(int batchesPerTransaction, Duration wait) {
        return new PipelineSettings(consumerGroup, batchesPerTransaction, wait, commitLanes, applyTimeout,
                applyConcurrency, sweepInterval, sweepMinAge, sweepPageSize, minBackoff, maxBackoff, statusInterval);
    }

    public PipelineSettings withSweep(Duration interval, Duration minAge) {
        return new PipelineSettings(consumerGroup, maxBatchesPerTransaction, maxBatchWait, commitLanes, applyTimeout,
                applyConcurrency, interval, minAge, sweepPageSize, minBackoff, maxBackoff, statusInterval);
    }

    public PipelineSettings withBackoff(Duration min, Duration max) {
        return new PipelineSettings(consumerGroup, maxBatchesPerTransaction, maxBatchWait, commitLanes, applyTimeout,
                applyConcurrency, sweepInterval, sweepMinAge, sweepPageSize, min, max, statusInterval);
    }

    public PipelineSettings withApplyTimeout(Duration timeout) {
        return new PipelineSettings(consumerGroup, maxBatchesPerTransaction, maxBatchWait, commitLanes, timeout,
                applyConcurrency, sweepInterval, sweepMinAge, sweepPageSize, minBackoff, maxBackoff, statusInterval);
    }

    public PipelineSettings withCommitLanes(int lanes) {
        return new PipelineSettings(consumerGroup, maxBatchesPerTransaction, maxBatchWait, lanes, applyTimeout,
                applyConcurrency, sweepInterval, sweepMinAge, sweepPageSize, minBackoff, maxBackoff, statusInterval);
    }
}
