package io.funnelstream.infra.kafka;

import java.time.Duration;
import java.util.Map;

/**
 * Where and how {@link KafkaEventLog} writes and reads.
 *
 * @param bootstrapServers {@code host:port,...}
 * @param topic the log's topic, {@link #TOPIC} in production
 * @param transactionalIdPrefix the producer's transactional id is this prefix plus a random suffix per instance
 *     (instances never fence each other; a restarted producer of the same instance aborts what its predecessor
 *     left open)
 * @param appendTimeout how long one write transaction may take before its appends fail; the producer's own
 *     timeouts (max.block.ms, delivery.timeout.ms) are set below it
 * @param maxBatchRecords records per write transaction
 * @param maxPendingRecords records allowed to wait for a write; beyond it appends fail at once
 * @param producers transactional producers writing side by side, each with its own transactional id: while one
 *     waits for its commit, the others send (one alone caps appends at one transaction per commit round trip)
 * @param readBatchRecords records per poll, so per consumed batch (max.poll.records)
 * @param maxUnacknowledged records a consumer may hold unacknowledged before it stops fetching
 *     (Reactor Kafka's maxDeferredCommits): a cap on the records between the log and the rollups, which must exceed
 *     the peak rate times the pipeline's latency, or the consumer pauses and the pause adds to the latency (at 5,000,
 *     10,000 records/s held freshness p99 near 1 s, against 288 ms at 50,000); the pipeline's own demand, a few
 *     polls per commit lane, bounds what it holds as well
 * @param positionsTimeout how long loading stored positions may take when partitions are assigned
 * @param producerOverrides extra or overriding producer properties
 * @param consumerOverrides extra or overriding consumer properties
 */
public record KafkaEventLogSettings(
        String bootstrapServers,
        String topic,
        String transactionalIdPrefix,
        Duration appendTimeout,
        int maxBatchRecords,
        int maxPendingRecords,
        int producers,
        int readBatchRecords,
        int maxUnacknowledged,
        Duration positionsTimeout,
        Map<String, Object> producerOverrides,
        Map<String, Object> consumerOverrides) {

    /** The event log's topic: every event, partitioned by tenant. */
    public static final String TOPIC = "funnelstream.events.v1";

    public KafkaEventLogSettings {
        producerOverrides = Map.copyOf(producerOverrides);
        consumerOverrides = Map.copyOf(consumerOverrides);
        if (appendTimeout.toMillis() < 1000) {
            throw new IllegalArgumentException("appendTimeout below 1 s leaves the producer no time to retry");
        }
        if (producers < 1 || producers > 64) {
            throw new IllegalArgumentException("producers must be between 1 and 64");
        }
        if (maxBatchRecords < 1 || maxPendingRecords < maxBatchRecords * producers || readBatchRecords < 1
                || maxUnacknowledged < readBatchRecords) {
            throw new IllegalArgumentException(
                    "sizes must be positive, pending >= batch x producers, unacknowledged >= read");
        }
    }

    public static KafkaEventLogSettings defaults(String bootstrapServers) {
        return new KafkaEventLogSettings(bootstrapServers, TOPIC, "funnelstream-events", Duration.ofSeconds(5),
                2000, 50_000, 4, 500, 50_000, Duration.ofSeconds(10), Map.of(), Map.of());
    }

    public KafkaEventLogSettings withTopic(String newTopic) {
        return new KafkaEventLogSettings(bootstrapServers, newTopic, transactionalIdPrefix, appendTimeout,
                maxBatchRecords, maxPendingRecords, producers, readBatchRecords, maxUnacknowledged, positionsTimeout,
                producerOverrides, consumerOverrides);
    }

    public KafkaEventLogSettings withProducers(int count) {
        return new KafkaEventLogSettings(bootstrapServers, topic, transactionalIdPrefix, appendTimeout,
                maxBatchRecords, maxPendingRecords, count, readBatchRecords, maxUnacknowledged, positionsTimeout,
                producerOverrides, consumerOverrides);
    }

    public KafkaEventLogSettings withAppendTimeout(Duration timeout) {
        return new KafkaEventLogSettings(bootstrapServers, topic, transactionalIdPrefix, timeout, maxBatchRecords,
                maxPendingRecords, producers, readBatchRecords, maxUnacknowledged, positionsTimeout, producerOverrides,
                consumerOverrides);
    }
}
