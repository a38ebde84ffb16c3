package io.funnelstream.api.config;

import io.funnelstream.engine.pipeline.PipelineSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The rollup pipeline ({@code funnelstream.pipeline.*}): from the event log to Postgres and the rollup store.
 *
 * @param enabled run the pipeline in this instance (an instance that only serves may leave it to others)
 * @param batchesPerTransaction log batches coalesced into one Postgres transaction under load
 * @param maxBatchWait how long a lone batch waits for others to share its transaction
 * @param commitLanes transactions of different log partitions committed side by side at most
 * @param applyTimeout how long applying a committed batch to the store may take before the pipeline moves on
 * @param sweepInterval how often windows left in the outbox are looked for
 * @param minBackoff first wait before a retry after a failure
 * @param maxBackoff longest wait between retries
 * @param kafkaTopicPartitions partitions of the event log topic when the service creates it (production)
 * @param kafkaReplicationFactor its replication factor then; operators may create the topic themselves instead
 */
@ConfigurationProperties("funnelstream.pipeline")
public record PipelineProperties(
        boolean enabled,
        int batchesPerTransaction,
        Duration maxBatchWait,
        int commitLanes,
        Duration applyTimeout,
        Duration sweepInterval,
        Duration minBackoff,
        Duration maxBackoff,
        int kafkaTopicPartitions,
        short kafkaReplicationFactor) {

    /** The engine's settings with these values, the rest at their defaults. */
    public PipelineSettings settings() {
        PipelineSettings defaults = PipelineSettings.defaults();
        return defaults.withBatching(batchesPerTransaction, maxBatchWait)
                .withCommitLanes(commitLanes)
                .withSweep(sweepInterval, defaults.sweepMinAge())
                .withBackoff(minBackoff, maxBackoff)
                .withApplyTimeout(applyTimeout);
    }
}
