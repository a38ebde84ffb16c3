package io.funnelstream.infra.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The one producer of a writer, made when first needed and replaced after a failure; used only from the writer's
 * own thread. A transactional producer is made with {@code initTransactions}, which aborts what an earlier producer
 * of the same transactional id left open.
 */
final class ProducerSlot {

    private static final Logger log = LoggerFactory.getLogger(ProducerSlot.class);

    private final Map<String, Object> config;
    private final boolean transactional;
    private @Nullable Producer<byte[], byte[]> producer;

    ProducerSlot(Map<String, Object> config, boolean transactional) {
        this.config = Map.copyOf(config);
        this.transactional = transactional;
    }

    /** The current producer, or a new one. */
    Producer<byte[], byte[]> get() {
        Producer<byte[], byte[]> p = producer;
        if (p == null) {
            p = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
            if (transactional) {
                try {
                    p.initTransactions();
                } catch (RuntimeException e) {
                    p.close(Duration.ZERO);
                    throw e;
                }
            }
            producer = p;
        }
        return p;
    }

    /** Closes a producer that failed; the next {@link #get()} makes a new one. */
    void discard(Producer<byte[], byte[]> p) {
        producer = null;
        try {
            p.close(Duration.ZERO);
        } catch (RuntimeException e) {
            log.debug("closing a failed producer", e);
        }
    }

    /** Closes the producer on {@code thread}, then disposes of the thread. */
    void closeOn(Scheduler thread, String what) {
        Mono.fromRunnable(() -> {
                    Producer<byte[], byte[]> p = producer;
                    if (p != null) {
                        producer = null;
                        p.close(Duration.ofSeconds(5));
                    }
                })
                .subscribeOn(thread)
                .doFinally(s -> thread.dispose())
                .subscribe(null, e -> log.warn("closing {}", what, e));
    }
}
