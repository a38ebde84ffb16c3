package io.funnelstream.infra.kafka;

import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.EventLogUnavailableException;
import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogPositions;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.infra.eventlog.GroupCommit;
import io.funnelstream.infra.eventlog.LogRecordCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The production event log: the topic {@link KafkaEventLogSettings#TOPIC}, key = tenant id (so a tenant's
 * records share a partition and keep their order), value = the record's encoding, header {@code kind}.
 *
 * <p>Appends are all or nothing. An append of several records (a batch request) is gathered (group commit) with
 * other such appends into one Kafka transaction of an idempotent producer with acks=all, and every caller's Mono
 * completes when that transaction has committed. {@link KafkaEventLogSettings#producers()} such producers commit
 * side by side. Idempotence alone would not do for them: the records of one request may fall into two producer
 * batches (a batch fills or is sent between two sends), and a broker failing between them would keep the first and
 * lose the second. Readers use read_committed, so an aborted or failed transaction is never read.
 *
 * <p>An append of a single record (a single-event webhook, a tracking beacon) needs no transaction to be all or
 * nothing: it goes through one idempotent producer without transactions ({@link IdempotentWriter}, acks=all), and
 * its Mono completes once the record is acknowledged by every in-sync replica: one produce round trip instead of a
 * transaction's several. Read_committed readers read such records as soon as no open transaction precedes them.
 * Should the append fail on our side after the broker kept the record (a timeout), the caller answers 503 and the
 * sender's retry carries the same event id, which the pipeline refuses to count twice, as it would a duplicate
 * delivery of the provider.
 *
 * <p>A transaction or single record that is not acknowledged within {@link KafkaEventLogSettings#appendTimeout()}
 * fails its appends with {@link EventLogUnavailableException}.
 *
 * <p>Reading: see {@link KafkaBatches}. Close the log on shutdown.
 */
public final class KafkaEventLog implements EventLog, AutoCloseable {

    /** The header that names a record's kind (see {@link LogRecordCodec}). */
    public static final String KIND_HEADER = "kind";

    private final KafkaEventLogSettings settings;
    private final LogRecordCodec codec = new LogRecordCodec();
    private final List<Lane> lanes;
    private final IdempotentWriter single;
    private final Scheduler timer;

    public KafkaEventLog(KafkaEventLogSettings settings, Scheduler timer) {
        this.settings = settings;
        this.timer = timer;
        int pendingPerLane = settings.maxPendingRecords() / settings.producers();
        List<Lane> built = new ArrayList<>();
        for (int i = 0; i < settings.producers(); i++) {
            TransactionalWriter writer = new TransactionalWriter(settings, i);
            built.add(new Lane(writer, new GroupCommit<>(settings.topic() + "#" + i, settings.maxBatchRecords(),
                    pendingPerLane, records -> write(writer, records))));
        }
        this.lanes = List.copyOf(built);
        this.single = new IdempotentWriter(settings, Schedulers.parallel());
    }

    public static KafkaEventLog create(KafkaEventLogSettings settings) {
        return new KafkaEventLog(settings, Schedulers.parallel());
    }

    /**
     * A single record goes to the idempotent producer. Several go to a transactional producer (see {@link #lane}),
     * whose queue gathers what arrives while its transaction commits. A request's records stay together in one
     * transaction. Records of one tenant appended concurrently through two producers may reach their partition in
     * either order, as concurrent requests have no order of their own.
     */
    @Override
    public Mono<Void> append(List<LogRecord> records) {
        if (records.size() == 1) {
            LogRecord record = records.getFirst();
            return Mono.defer(() -> single.write(producerRecord(record)))
                    .timeout(settings.appendTimeout(), timer)
                    .onErrorMap(e -> !(e instanceof EventLogUnavailableException), KafkaEventLog::unavailable);
        }
        return Mono.defer(() -> lane(records.size()).commits().submit(records));
    }

    /**
     * The first producer whose next transaction still has room for {@code records} (an idle one writes them at
     * once; a committing one takes them in its next transaction), or else the least busy. Producers are filled in
     * order rather than spread: each transaction costs the broker the same whatever it holds (a transaction marker in
     * every partition it wrote), and while one is open a read_committed reader reads nothing past it in those
     * partitions, so transactions open side by side delay every reader. At 10,000 records/s in appends of 100, four
     * producers picked by least load opened a transaction per append and readers waited 194 ms (median) for records
     * to become readable; one producer gathering them, 29 ms. Under a load one producer cannot carry, the next ones
     * take the overflow.
     */
    private Lane lane(int records) {
        Lane best = lanes.getFirst();
        for (Lane lane : lanes) {
            if (lane.commits().waiting() + records <= settings.maxBatchRecords()) {
                return lane;
            }
            if (lane.commits().load() < best.commits().load()) {
                best = lane;
            }
        }
        return best;
    }

    @Override
    public Flux<LogBatch> consume(String consumerGroup, LogPositions positions) {
        return new KafkaBatches(settings, codec).consume(consumerGroup, positions);
    }

    /** Creates the topic unless it exists. Operators may create it themselves (replication 3, min ISR 2). */
    public Mono<Void> createTopic(int partitions, short replicationFactor) {
        NewTopic topic = new NewTopic(settings.topic(), partitions, replicationFactor);
        return Mono.using(
                () -> Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers())),
                admin -> Mono.fromCompletionStage(
                                admin.createTopics(List.of(topic)).all().toCompletionStage())
                        .onErrorComplete(TopicExistsException.class)
                        .then(),
                Admin::close);
    }

    /** The last stable offset of each partition of the topic (read-committed end), as the admin client tells. */
    @Override
    public Mono<Map<Integer, Long>> endOffsets() {
        return Mono.using(
                () -> Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers())),
                admin -> Mono.fromCompletionStage(admin.describeTopics(List.of(settings.topic()))
                                .allTopicNames().toCompletionStage())
                        .map(topics -> topics.get(settings.topic()).partitions().stream()
                                .collect(Collectors.toMap(p -> new TopicPartition(settings.topic(), p.partition()),
                                        p -> OffsetSpec.latest())))
                        .flatMap(specs -> Mono.fromCompletionStage(admin.listOffsets(specs,
                                        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                                .all().toCompletionStage()))
                        .map(offsets -> offsets.entrySet().stream().collect(Collectors.toMap(
                                e -> e.getKey().partition(), e -> e.getValue().offset()))),
                Admin::close)
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** Write transactions committed or attempted so far. */
    public long writeTransactions() {
        return lanes.stream().mapToLong(lane -> lane.commits().writes()).sum();
    }

    /** Single records handed to the idempotent producer so far (none of them in a transaction). */
    public long singleRecordsSent() {
        return single.sentRecords();
    }

    /** Write transactions so far, per producer. */
    public List<Long> writeTransactionsPerProducer() {
        return lanes.stream().map(lane -> lane.commits().writes()).toList();
    }

    @Override
    public void close() {
        lanes.forEach(lane -> lane.writer().close());
        single.close();
    }

    private Mono<Void> write(TransactionalWriter writer, List<LogRecord> records) {
        return writer.write(records.stream().map(this::producerRecord).toList())
                .timeout(settings.appendTimeout(), timer)
                .onErrorMap(e -> !(e instanceof EventLogUnavailableException), KafkaEventLog::unavailable);
    }

    private ProducerRecord<byte[], byte[]> producerRecord(LogRecord record) {
        byte[] key = record.tenant().toString().getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(KIND_HEADER, codec.kind(record).getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(settings.topic(), null, key, codec.encode(record), headers);
    }

    /** One transactional producer and the appends waiting for it. */
    private record Lane(TransactionalWriter writer, GroupCommit<LogRecord> commits) {}

    private static EventLogUnavailableException unavailable(Throwable e) {
        String why = e instanceof TimeoutException ? "append timed out" : "append failed: " + e;
        return new EventLogUnavailableException("Kafka event log " + why, e);
    }
}
