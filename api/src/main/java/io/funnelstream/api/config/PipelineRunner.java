package io.funnelstream.api.config;

import io.funnelstream.engine.pipeline.RollupPipeline;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.infra.kafka.KafkaEventLog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Starts the rollup pipeline once the application is ready (the Kafka topic created first when it is missing) and
 * stops it on shutdown; a transaction in flight then rolls back, and the next start resumes from what committed.
 */
public final class PipelineRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PipelineRunner.class);

    private final RollupPipeline pipeline;
    private final EventLog eventLog;
    private final PipelineProperties properties;
    private volatile @Nullable Disposable running;

    PipelineRunner(RollupPipeline pipeline, EventLog eventLog, PipelineProperties properties) {
        this.pipeline = pipeline;
        this.eventLog = eventLog;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        if (!properties.enabled() || running != null) {
            return;
        }
        running = topic().thenMany(pipeline.run())
                .subscribe(null, e -> log.error("rollup pipeline stopped", e));
        log.info("rollup pipeline started");
    }

    /** True between the start and the shutdown. */
    public boolean isRunning() {
        Disposable d = running;
        return d != null && !d.isDisposed();
    }

    private Mono<Void> topic() {
        if (!(eventLog instanceof KafkaEventLog kafka)) {
            return Mono.empty();
        }
        return kafka.createTopic(properties.kafkaTopicPartitions(), properties.kafkaReplicationFactor())
                .onErrorResume(e -> {
                    log.warn("could not create the event log topic (the pipeline waits for it): {}", e.toString());
                    return Mono.empty();
                });
    }

    @Override
    public synchronized void destroy() {
        Disposable d = running;
        if (d != null) {
            d.dispose();
            running = null;
            log.info("rollup pipeline stopped");
        }
    }
}
