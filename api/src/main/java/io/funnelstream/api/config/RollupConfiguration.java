package io.funnelstream.api.config;

import io.funnelstream.api.health.RollupPipelineHealthIndicator;
import io.funnelstream.engine.pipeline.PipelineStats;
import io.funnelstream.engine.pipeline.RollupApplier;
import io.funnelstream.engine.pipeline.RollupPipeline;
import io.funnelstream.engine.pipeline.RollupRebuilder;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.MessageRegistry;
import io.funnelstream.engine.port.MessageStore;
import io.funnelstream.engine.port.RollupChangeFeed;
import io.funnelstream.engine.port.RollupSource;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.stream.AnnouncingRollupStore;
import io.funnelstream.infra.eventlog.PostgresLogPositions;
import io.funnelstream.infra.postgres.PostgresAdapters;
import io.funnelstream.infra.postgres.TenantTransactions;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import reactor.core.scheduler.Schedulers;

/**
 * The rollup pipeline and what it needs: the rollup store (in memory by default, Redis in production, see
 * {@link RollupStoreConfiguration}), the Postgres adapters, the applier (which is also the
 * {@link io.funnelstream.engine.port.RollupAvailability} analytics ask), the rebuilder and the pipeline, started
 * once the application is ready ({@link PipelineRunner}), with its health and metrics.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PipelineProperties.class)
@Import(RollupStoreConfiguration.class)
public class RollupConfiguration {

    @Bean
    MessageStore messageStore(ConnectionFactory connectionFactory) {
        return PostgresAdapters.messageStore(connectionFactory);
    }

    @Bean
    RollupSource rollupSource(ConnectionFactory connectionFactory) {
        return PostgresAdapters.rollupSource(connectionFactory);
    }

    @Bean
    MessageRegistry messageRegistry(EventLog eventLog, TenantTransactions transactions) {
        return PostgresAdapters.messageRegistry(eventLog, transactions);
    }

    @Bean
    PipelineStats pipelineStats() {
        return new PipelineStats();
    }

    @Bean
    RollupApplier rollupApplier(RollupStore rollupStore, RollupChangeFeed changes, MessageStore messageStore,
            PipelineProperties properties, PipelineStats stats, Clock clock) {
        // Windows applied through here are announced to live streams on every instance.
        return new RollupApplier(new AnnouncingRollupStore(rollupStore, changes), messageStore, properties.settings(),
                stats, clock, Schedulers.parallel());
    }

    @Bean
    RollupRebuilder rollupRebuilder(RollupSource source, RollupStore rollupStore, RollupChangeFeed changes,
            PipelineProperties properties, Clock clock, RollupApplier applier) {
        return new RollupRebuilder(source, new AnnouncingRollupStore(rollupStore, changes),
                properties.settings().consumerGroup(), clock, applier);
    }

    @Bean
    RollupPipeline rollupPipeline(EventLog eventLog, ConnectionFactory connectionFactory, MessageStore messageStore,
            RollupApplier applier, RollupRebuilder rebuilder, PipelineProperties properties, PipelineStats stats,
            Clock clock) {
        return new RollupPipeline(eventLog, new PostgresLogPositions(connectionFactory), messageStore, applier,
                rebuilder, properties.settings(), stats, clock, Schedulers.parallel());
    }

    @Bean
    PipelineRunner pipelineRunner(RollupPipeline pipeline, EventLog eventLog, PipelineProperties properties) {
        return new PipelineRunner(pipeline, eventLog, properties);
    }

    @Bean
    RollupPipelineHealthIndicator rollupPipelineHealthIndicator(
            PipelineRunner runner, PipelineStats stats, RollupApplier applier) {
        return new RollupPipelineHealthIndicator(runner::isRunning, stats, applier);
    }

    @Bean
    MeterBinder rollupPipelineMetrics(PipelineStats stats, RollupApplier applier) {
        return new PipelineMetrics(stats, applier);
    }
}
