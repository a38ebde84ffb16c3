package io.funnelstream.api.webhook;

import io.funnelstream.api.config.Profiles;
import io.funnelstream.api.feature.Feature;
import io.funnelstream.api.feature.Features;
import io.funnelstream.api.web.DirectResponses;
import io.funnelstream.engine.alert.WebhookTally;
import io.funnelstream.engine.ingest.WebhookProviders;
import io.funnelstream.engine.json.JsonLimits;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.ProviderSecrets;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.engine.webhook.CertificateSource;
import io.funnelstream.engine.webhook.InMemoryReplayGuard;
import io.funnelstream.engine.webhook.ReplayGuard;
import io.funnelstream.engine.webhook.SubscriptionConfirmer;
import io.funnelstream.engine.webhook.WebhookSettings;
import io.funnelstream.infra.provider.sns.SnsCertificateSource;
import io.funnelstream.infra.provider.sns.SnsFetcher;
import io.funnelstream.infra.provider.sns.SnsSubscriptionConfirmer;
import io.funnelstream.infra.provider.sns.WebClientSnsFetcher;
import io.funnelstream.infra.redis.RedisReplayGuard;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Wires the webhook edge: the engine's providers with their ports (replay guard per mode, SNS over https), the
 * caches, the metrics and the per-tenant tally of requests (for the webhook failure alert). Tests replace the {@link SnsFetcher} (no network) and the {@link EventLog}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookConfiguration {

    @Bean
    WebhookSettings webhookSettings(WebhookProperties properties) {
        // A JSON body may be as large as the largest body taken, whatever provider it came from.
        int maxJson = Math.toIntExact(Math.max(JsonLimits.DEFAULT.maxBytes(), properties.largestBodyBytes()));
        return new WebhookSettings(properties.replayWindow(), properties.maxFutureSkew(),
                WebhookSettings.DEFAULT.unifonicLegacyZone(), new JsonLimits(maxJson, JsonLimits.DEFAULT.maxDepth()));
    }

    @Bean
    SnsFetcher snsFetcher(WebhookProperties properties) {
        WebhookProperties.Sns sns = properties.sns();
        return WebClientSnsFetcher.create(sns.fetchTimeout(), Math.toIntExact(sns.maxCertificateSize().toBytes()));
    }

    @Bean
    CertificateSource snsCertificates(SnsFetcher fetcher, WebhookProperties properties) {
        WebhookProperties.CacheSpec cache = properties.sns().certificateCache();
        return new SnsCertificateSource(fetcher, Math.toIntExact(cache.maxEntries()), cache.timeToLive());
    }

    @Bean
    SubscriptionConfirmer snsSubscriptions(SnsFetcher fetcher) {
        return new SnsSubscriptionConfirmer(fetcher);
    }

    @Bean
    WebhookProviders webhookProviders(
            WebhookSettings settings, Clock clock, ReplayGuard replayGuard, CertificateSource certificates) {
        return WebhookProviders.create(settings, clock, replayGuard, certificates);
    }

    @Bean
    CachedCredentials webhookCredentials(ProviderSecrets secrets, WebhookProperties properties) {
        return new CachedCredentials(secrets, properties.credentialsCache());
    }

    @Bean
    WebhookIngestion webhookIngestion(WebhookProviders providers, TenantDirectory directory,
            CachedCredentials credentials, EventLog eventLog, SubscriptionConfirmer subscriptions,
            MeterRegistry meters, WebhookProperties properties, Clock clock, ObjectProvider<WebhookTally> tally) {
        return new WebhookIngestion(providers, new TenantKeys(directory, properties.tenantCache()), credentials,
                eventLog, subscriptions, new RecentEvents(properties.recentEvents()), new WebhookMetrics(meters),
                tally.getIfAvailable(WebhookTally::new), properties, clock);
    }

    @Bean
    DirectWebhookRoute directWebhookRoute(WebhookIngestion ingestion, DirectResponses responses, Features features) {
        return new DirectWebhookRoute(ingestion, responses, features.isEnabled(Feature.MESSAGE_TRACKING));
    }

    /** One process: tokens in memory. */
    @Configuration(proxyBeanMethods = false)
    @Profile("!" + Profiles.PRODUCTION)
    static class EmbeddedReplayGuard {

        @Bean
        ReplayGuard replayGuard(Clock clock, WebhookProperties properties) {
            return new InMemoryReplayGuard(clock, properties.replayCapacity());
        }
    }

    /** Many instances: tokens in Redis, so a replay to another instance is caught too. */
    @Configuration(proxyBeanMethods = false)
    @Profile(Profiles.PRODUCTION)
    static class SharedReplayGuard {

        @Bean
        ReplayGuard replayGuard(
                StatefulRedisConnection<String, String> redis, WebhookProperties properties, Clock clock) {
            return new RedisReplayGuard(redis.reactive(), properties.replayKeyPrefix(), clock);
        }
    }
}
