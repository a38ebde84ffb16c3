package io.funnelstream.infra.kafka;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogEntry;
import io.funnelstream.engine.port.LogPosition;
import io.funnelstream.engine.port.LogPositions;
import io.funnelstream.engine.port.LogRange;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.infra.eventlog.LogRecordCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.receiver.ReceiverPartition;
import reactor.kafka.receiver.ReceiverRecord;

/**
 * Reads the topic for one consumer group with Reactor Kafka: one {@link LogBatch} per partition of each poll (a
 * poll holds at most {@code readBatchRecords}), fetched only on demand (Reactor Kafka pauses the consumer when the
 * pipeline is behind), and at most {@code maxUnacknowledged} records held unacknowledged (maxDeferredCommits).
 *
 * <p>Positions: whenever the group assigns partitions to this consumer, their stored positions are loaded
 * from {@link LogPositions} and the consumer seeks there (to the beginning where none is stored) before it
 * fetches anything. Kafka's own committed offsets are never used to position a reader; acknowledging a batch
 * mirrors its positions there only so that lag can be watched with Kafka's tools.
 *
 * <p>Fetching: a consumer keeps one fetch in flight per broker, for the partitions it holds no fetched records of.
 * With Kafka's defaults, while one busy partition's records are being consumed, the fetch in flight asks for the
 * idle partitions only, and the broker holds it for {@code fetch.max.wait.ms} (500 ms) waiting for data; the busy
 * partition, drained meanwhile, waits for that fetch to come back before it is fetched again. Measured on one busy
 * partition: a pause of 300 to 500 ms after every megabyte read, which capped a lane at about 5,000 records/s. So
 * the broker holds a fetch for {@link #FETCH_MAX_WAIT_MS} at most, and a fetch brings up to
 * {@link #MAX_PARTITION_FETCH_BYTES} of a partition; {@link KafkaEventLogSettings#consumerOverrides()} may change
 * both.
 */
final class KafkaBatches {

    /** How long the broker may hold a fetch waiting for data: an idle consumer asks about 40 times a second. */
    static final int FETCH_MAX_WAIT_MS = 25;
    /** Up to 8 MiB of one partition per fetch (Kafka's default is 1 MiB, about 2,500 of our records). */
    static final int MAX_PARTITION_FETCH_BYTES = 8 * 1024 * 1024;

    private final KafkaEventLogSettings settings;
    private final LogRecordCodec codec;

    KafkaBatches(KafkaEventLogSettings settings, LogRecordCodec codec) {
        this.settings = settings;
        this.codec = codec;
    }

    Flux<LogBatch> consume(String consumerGroup, LogPositions positions) {
        ReceiverOptions<byte[], byte[]> options = ReceiverOptions.<byte[], byte[]>create(config(consumerGroup))
                .subscription(List.of(settings.topic()))
                .addAssignListener(assigned -> seekToStored(consumerGroup, positions, assigned))
                .maxDeferredCommits(settings.maxUnacknowledged())
                .commitInterval(Duration.ofSeconds(1));
        return KafkaReceiver.create(options)
                .receiveBatch(1)
                .concatMap(Flux::collectList, 1)
                .filter(records -> !records.isEmpty())
                .concatMapIterable(this::byPartition);
    }

    Map<String, Object> config(String consumerGroup) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, consumerGroup);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, consumerGroup + "-" + Long.toHexString(System.nanoTime()));
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.readBatchRecords());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_PARTITION_FETCH_BYTES);
        c.putAll(settings.consumerOverrides());
        return c;
    }

    /**
     * Runs on the consumer's own polling thread, inside Kafka's rebalance callback: Kafka requires the seek
     * before the callback returns, so the stored positions are awaited here, within {@code positionsTimeout}.
     * Failing to load them fails the consumption (the pipeline restarts it) rather than reading from a guess.
     */
    private void seekToStored(String group, LogPositions positions, Collection<ReceiverPartition> assigned) {
        if (assigned.isEmpty()) {
            return;
        }
        Set<Integer> partitions = assigned.stream()
                .map(p -> p.topicPartition().partition())
                .collect(Collectors.toSet());
        Map<Integer, Long> stored = await(positions.load(group, partitions));
        for (ReceiverPartition p : assigned) {
            Long next = stored.get(p.topicPartition().partition());
            if (next == null) {
                p.seekToBeginning();
            } else {
                p.seek(next);
            }
        }
    }

    private Map<Integer, Long> await(Mono<Map<Integer, Long>> load) {
        try {
            return load.toFuture().get(settings.positionsTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading stored positions", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot load stored positions", e);
        }
    }

    /**
     * One batch per partition of the poll, in the order of their first records: each acknowledges only its own
     * records, so a pipeline that commits partitions side by side acknowledges each as soon as it is done.
     */
    private List<LogBatch> byPartition(List<ReceiverRecord<byte[], byte[]>> records) {
        Map<Integer, List<ReceiverRecord<byte[], byte[]>>> parts = new LinkedHashMap<>();
        for (ReceiverRecord<byte[], byte[]> r : records) {
            parts.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r);
        }
        return parts.values().stream().map(this::batch).toList();
    }

    private LogBatch batch(List<ReceiverRecord<byte[], byte[]>> records) {
        List<LogEntry> entries = new ArrayList<>(records.size());
        Map<Integer, long[]> spans = new TreeMap<>();
        for (ReceiverRecord<byte[], byte[]> r : records) {
            entries.add(new LogEntry(new LogPosition(r.partition(), r.offset()), record(r)));
            spans.merge(r.partition(), new long[] {r.offset(), r.offset() + 1},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        List<LogRange> ranges = spans.entrySet().stream()
                .map(e -> new LogRange(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .toList();
        return new LogBatch(entries, ranges, () -> Mono.fromRunnable(
                () -> records.forEach(r -> r.receiverOffset().acknowledge())));
    }

    /** The record, or {@link LogRecord.Unreadable} when it has no kind or cannot be decoded. */
    private LogRecord record(ReceiverRecord<byte[], byte[]> r) {
        TenantId tenant = tenant(r.key());
        byte[] value = r.value() == null ? new byte[0] : r.value();
        Header h = r.headers().lastHeader(KafkaEventLog.KIND_HEADER);
        if (h == null) {
            return new LogRecord.Unreadable(tenant == null ? LogRecord.Unreadable.UNKNOWN_TENANT : tenant, "",
                    value, "record " + r.partition() + "/" + r.offset() + " has no kind");
        }
        return codec.decodeOrUnreadable(tenant, new String(h.value(), StandardCharsets.UTF_8), value);
    }

    private static @Nullable TenantId tenant(byte @Nullable [] key) {
        if (key == null) {
            return null;
        }
        try {
            return TenantId.of(new String(key, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
