package io.funnelstream.api.tracking;

import io.funnelstream.api.config.HomePaths;
import io.funnelstream.api.config.PipelineProperties;
import io.funnelstream.api.config.SigningKeys;
import io.funnelstream.api.feature.Feature;
import io.funnelstream.api.feature.Features;
import io.funnelstream.api.web.DirectResponses;
import io.funnelstream.engine.pipeline.RollupPipeline;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.RecipientOptOuts;
import io.funnelstream.engine.port.SurveyProgressSource;
import io.funnelstream.engine.tracking.AbandonmentDetector;
import io.funnelstream.engine.tracking.AbandonmentTimers;
import io.funnelstream.engine.tracking.TrackingTokens;
import io.funnelstream.infra.crypto.KeysetFiles;
import io.funnelstream.infra.postgres.PostgresAdapters;
import io.funnelstream.infra.postgres.TenantTransactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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
        if (properties.keys().isEmpty()) {
            return new TrackingTokens("f1", Map.of("f1", keyFromFile(properties.keyFile())),
                    properties.tokenLifetime(), clock);
        }
        SigningKeys keys = SigningKeys.parse(properties.keys(), properties.primary(), "funnelstream.tracking.keys");
        return new TrackingTokens(keys.primary(), keys.keys(), properties.tokenLifetime(), clock);
    }

    /** The key in this file, created with 32 random bytes (owner-only) on first start, so links outlive restarts. */
    static byte[] keyFromFile(@Nullable String keyFile) {
        if (keyFile == null || keyFile.isBlank()) {
            throw new IllegalStateException(
                    "No tracking key: set funnelstream.tracking.keys (FS_TRACKING_KEYS) or FS_TRACKING_KEY_FILE");
        }
        Path file = HomePaths.expand(keyFile);
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
                KeysetFiles.restrict(file);
            }
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the tracking key " + file, e);
        }
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
    DirectTrackingRoute directTrackingRoute(TrackingIngestion ingestion, TrackingCorsFilter cors,
            DirectResponses responses, Features features) {
        return new DirectTrackingRoute(ingestion, cors, responses, features.isEnabled(Feature.MESSAGE_TRACKING));
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
