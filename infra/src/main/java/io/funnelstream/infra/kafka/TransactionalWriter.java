package io.funnelstream.infra.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Writes each batch as one Kafka transaction: begin, send every record, commit. The commit returns once every
 * record is acknowledged by all in-sync replicas and the transaction is marked committed, or throws, and then
 * read-committed readers never see any record of the batch. All producer calls run on one dedicated thread
 * (they block, within max.block.ms and delivery.timeout.ms).
 *
 * <p>After any failure the producer is closed and a new one is made for the next batch, with the same
 * transactional id: its initTransactions aborts whatever the old one left open, so readers are not held back
 * until the transaction timeout.
 */
final class TransactionalWriter implements AutoCloseable {

    private final ProducerSlot producer;
    private final Scheduler thread;

    TransactionalWriter(KafkaEventLogSettings settings, int lane) {
        this.producer = new ProducerSlot(config(settings), true);
        this.thread = Schedulers.newSingle("funnelstream-kafka-producer-" + lane, true);
    }

    static Map<String, Object> config(KafkaEventLogSettings settings) {
        long timeout = settings.appendTimeout().toMillis();
        long blockMs = Math.max(500, timeout * 2 / 5);
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalIdPrefix() + "-" + UUID.randomUUID());
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, blockMs);
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (blockMs - 10));
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) blockMs);
        c.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "funnelstream-event-log");
        c.putAll(settings.producerOverrides());
        return c;
    }

    /** Writes all records in one transaction, or fails having written none that readers will see. */
    Mono<Void> write(List<ProducerRecord<byte[], byte[]>> records) {
        return Mono.<Void>fromRunnable(() -> writeNow(records)).subscribeOn(thread);
    }

    private void writeNow(List<ProducerRecord<byte[], byte[]>> records) {
        Producer<byte[], byte[]> p = producer.get();
        try {
            p.beginTransaction();
            for (ProducerRecord<byte[], byte[]> r : records) {
                p.send(r);
            }
            p.commitTransaction();
        } catch (RuntimeException e) {
            producer.discard(p);
            throw e;
        }
    }

    @Override
    public void close() {
        producer.closeOn(thread, "the event log producer");
    }
}
