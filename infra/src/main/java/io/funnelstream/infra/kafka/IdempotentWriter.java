package io.funnelstream.infra.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Writes single records without a transaction, through one idempotent producer (acks=all,
 * enable.idempotence=true): a record is acknowledged once every in-sync replica has it, and the producer's own
 * retries never write it twice. One record needs no transaction to be all or nothing, so its append costs one
 * produce round trip (batched by the producer with whatever else is sent meanwhile) instead of a transaction's
 * several; any number of records are in flight at once.
 *
 * <p>{@code send} may block (metadata, a full buffer) within max.block.ms, so it runs on one dedicated thread,
 * which sends whatever has queued each time it wakes. Each sender is told on the {@code completions} scheduler, not
 * on the producer's network thread. A producer whose {@code send} throws is closed and a new one is made for the
 * next record.
 */
final class IdempotentWriter implements AutoCloseable {

    private final ProducerSlot producer;
    private final Scheduler thread;
    private final Scheduler completions;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();

    IdempotentWriter(KafkaEventLogSettings settings, Scheduler completions) {
        this.producer = new ProducerSlot(config(settings), false);
        this.thread = Schedulers.newSingle("funnelstream-kafka-idempotent-producer", true);
        this.completions = completions;
    }

    /** The transactional producers' configuration without a transactional id: still idempotent, acks=all. */
    static Map<String, Object> config(KafkaEventLogSettings settings) {
        Map<String, Object> c = new HashMap<>(TransactionalWriter.config(settings));
        c.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        c.remove(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "funnelstream-event-log-single");
        return c;
    }

    /** Completes once the record is acknowledged by all in-sync replicas; fails if it is not. */
    Mono<Void> write(ProducerRecord<byte[], byte[]> record) {
        return Mono.create(sink -> {
            queue.offer(new Pending(record, sink));
            if (wip.getAndIncrement() == 0) {
                thread.schedule(this::drain);
            }
        });
    }

    /** Records handed to the producer so far. */
    long sentRecords() {
        return sent.get();
    }

    private void drain() {
        int missed = 1;
        do {
            Pending next;
            while ((next = queue.poll()) != null) {
                send(next);
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void send(Pending pending) {
        MonoSink<Void> sink = pending.sink();
        Producer<byte[], byte[]> p;
        try {
            p = producer.get();
        } catch (RuntimeException e) {
            completions.schedule(() -> sink.error(e));
            return;
        }
        try {
            p.send(pending.record(), (metadata, error) -> completions.schedule(() -> {
                if (error == null) {
                    sink.success();
                } else {
                    sink.error(error);
                }
            }));
            sent.incrementAndGet();
        } catch (RuntimeException e) {
            producer.discard(p);
            completions.schedule(() -> sink.error(e));
        }
    }

    @Override
    public void close() {
        producer.closeOn(thread, "the event log's single-record producer");
    }

    private record Pending(ProducerRecord<byte[], byte[]> record, MonoSink<Void> sink) {}
}
