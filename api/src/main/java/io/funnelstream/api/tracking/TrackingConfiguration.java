package io.funnelstream.api.tracking;

import io.funnelstream.api.config.PipelineProperties;
import io.funnelstream.api.config.SigningKeys;
import io.funnelstream.engine.pipeline.RollupPipeline;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.RecipientOptOuts;
import io.funnelstream.engine.port.SurveyProgressSource;
import io.funnelstream.engine.tracking.AbandonmentDetector;
import io.funnelstream.engine.tracking.AbandonmentTimers;
import io.funnelstream.engine.tracking.TrackingTokens;
import io.funnelstream.infra.postgres.PostgresAdapters;
import io.funnelstream.infra.postgres.TenantTransactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Schedulers;

/**
 * Wires survey funnel tracking: the token keys, the endpoint with its limits and CORS, and the abandonment
 * detector, which runs beside the pipeline of this instance. {@link TrackingTokens} is a bean: whatever mints
 * survey links (distributions) takes it from here.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrackingProperties.class)
public class TrackingConfiguration {

    @Bean
    TrackingTokens trackingTokens(TrackingProperties properties, Clock clock) {
        SigningKeys keys = SigningKeys.parse(properties.keys(), properties.primary(), "funnelstream.tracking.keys");
        return new TrackingTokens(keys.primary(), keys.keys(), properties.tokenLifetime(), clock);
    }

    @Bean
    RecipientOptOuts recipientOptOuts(TenantTransactions transactions) {
        return PostgresAdapters.recipientOptOuts(transactions);
    }

    @Bean
    SurveyProgressSource surveyProgressSource(TenantTransactions transactions) {
        return PostgresAdapters.surveyProgressSource(transactions);
    }

    @Bean
    TrackingIngestion trackingIngestion(TrackingTokens tokens, EventLog eventLog, RecipientOptOuts optOuts,
            TrackingProperties properties, ObjectProvider<MeterRegistry> meters, Clock clock) {
        return new TrackingIngestion(tokens, eventLog, optOuts, properties,
                new TrackingMetrics(meters.getIfAvailable(SimpleMeterRegistry::new)), clock);
    }

    @Bean
    TrackingCorsFilter trackingCorsFilter(TrackingProperties properties) {
        return new TrackingCorsFilter(properties.allowedOrigins());
    }

    @Bean
    AbandonmentRunner abandonmentRunner(ObjectProvider<RollupPipeline> pipeline, SurveyProgressSource source,
            EventLog eventLog, TrackingProperties properties, PipelineProperties pipelineProperties) {
        RollupPipeline running = pipeline.getIfAvailable();
        AbandonmentDetector detector = running == null ? null : new AbandonmentDetector(source,
                running.surveyProgress(), eventLog,
                new AbandonmentTimers(properties.abandonmentTimeout(), Schedulers.parallel()), Duration.ofSeconds(1));
        return new AbandonmentRunner(detector, pipelineProperties.enabled());
    }
}
