package io.funnelstream.api.config;

import io.funnelstream.api.alert.CachedAlertRules;
import io.funnelstream.api.alert.WebhookTallyRunner;
import io.funnelstream.engine.alert.AlertBook;
import io.funnelstream.engine.alert.AlertEvaluation;
import io.funnelstream.engine.alert.InMemoryWebhookTallyStore;
import io.funnelstream.engine.alert.LiveAlerts;
import io.funnelstream.engine.alert.WebhookTally;
import io.funnelstream.engine.alert.WebhookTallyFlusher;
import io.funnelstream.engine.alert.WebhookTallyStore;
import io.funnelstream.engine.port.RollupChangeFeed;
import io.funnelstream.engine.stream.RangeFigures;
import io.funnelstream.engine.stream.ScopeAlerting;
import io.funnelstream.infra.postgres.PostgresAdapters;
import io.funnelstream.infra.postgres.TenantTransactions;
import io.funnelstream.infra.redis.RedisWebhookTallyStore;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Alerts on live streams: the tenants' rules (Postgres, cached), the webhook tally (this instance's counts, flushed
 * to memory by default and to Redis in production), and the evaluation the scope hubs run once per update. Each
 * instance keeps the alert states of the scopes it evaluates.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertProperties.class)
public class AlertConfiguration {

    @Bean
    CachedAlertRules alertRules(TenantTransactions transactions, AlertProperties properties) {
        return new CachedAlertRules(PostgresAdapters.alertRuleStore(transactions), properties.rulesCacheMaxEntries(),
                properties.rulesCacheTimeToLive());
    }

    @Bean
    WebhookTally webhookTally() {
        return new WebhookTally();
    }

    @Bean
    WebhookTallyRunner webhookTallyRunner(WebhookTally tally, WebhookTallyStore store, RollupChangeFeed feed,
            AlertProperties properties) {
        return new WebhookTallyRunner(
                new WebhookTallyFlusher(tally, store, feed, properties.flushInterval(), Schedulers.parallel()));
    }

    @Bean
    LiveAlerts liveAlerts(CachedAlertRules rules, WebhookTallyStore tallies, AlertProperties properties) {
        return new LiveAlerts(new AlertBook(), rules::rules, tallies, properties.webhookWindow());
    }

    /** Rates of the configured range; counts each transition in {@code funnelstream.alerts.transitions}. */
    @Bean
    ScopeAlerting scopeAlerting(LiveAlerts alerts, AlertProperties properties, StreamProperties streams,
            ObjectProvider<MeterRegistry> registry) {
        String range = properties.range();
        if (StreamConfiguration.ranges(streams.ranges()).stream().noneMatch(r -> r.name().equals(range))) {
            throw new IllegalStateException("funnelstream.alerts.range must name one of funnelstream.stream.ranges: "
                    + range);
        }
        MeterRegistry meters = registry.getIfAvailable(SimpleMeterRegistry::new);
        return (tenant, scope, figures) -> {
            RangeFigures figuresOfRange = figures.ranges().get(range);
            if (figuresOfRange == null) {
                return Mono.just(AlertEvaluation.NONE);
            }
            return alerts.evaluate(tenant, scope, figuresOfRange.report().counts(), figures.at())
                    .doOnNext(evaluation -> evaluation.transitions().forEach(alert -> meters.counter(
                            "funnelstream.alerts.transitions", "kind", alert.kind().slug(),
                            "status", alert.status().slug()).increment()));
        };
    }

    @Configuration(proxyBeanMethods = false)
    @Profile("!" + Profiles.PRODUCTION)
    static class InProcessTally {

        @Bean
        WebhookTallyStore webhookTallyStore(AlertProperties properties) {
            return new InMemoryWebhookTallyStore(properties.tallyRetention());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Profile(Profiles.PRODUCTION)
    static class SharedTally {

        @Bean
        WebhookTallyStore webhookTallyStore(StatefulRedisConnection<String, String> redisConnection,
                AlertProperties properties) {
            return new RedisWebhookTallyStore(
                    redisConnection.reactive(), properties.tallyKeyPrefix(), properties.tallyRetention());
        }
    }
}
