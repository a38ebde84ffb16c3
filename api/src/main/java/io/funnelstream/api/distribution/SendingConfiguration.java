package io.funnelstream.api.distribution;

import io.funnelstream.engine.distribution.DistributionStore;
import io.funnelstream.engine.experiment.ExperimentAssignments;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.ProviderSecrets;
import io.funnelstream.engine.send.OutboxSender;
import io.funnelstream.engine.send.ProviderClients;
import io.funnelstream.engine.send.SendOutbox;
import io.funnelstream.engine.send.TokenTrackingLinks;
import io.funnelstream.engine.send.TrackingLinks;
import io.funnelstream.engine.tracking.TrackingTokens;
import io.funnelstream.infra.postgres.PostgresAdapters;
import io.funnelstream.infra.postgres.TenantTransactions;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Schedulers;

/**
 * Distributions and sending: the stores, the provider clients present in the context (by provider), signed
 * tracking links, and one outbox worker per instance started when the application is ready.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SendingProperties.class)
public class SendingConfiguration {

    @Bean
    DistributionStore distributionStore(TenantTransactions transactions) {
        return PostgresAdapters.distributionStore(transactions);
    }

    @Bean
    SendOutbox sendOutbox(TenantTransactions transactions) {
        return PostgresAdapters.sendOutbox(transactions);
    }

    /** Links signed with the tracking endpoint's own tokens, so that it accepts them. */
    @Bean
    TrackingLinks trackingLinks(TrackingTokens tokens) {
        return new TokenTrackingLinks(tokens);
    }

    @Bean
    OutboxSender outboxSender(SendOutbox outbox, ProviderClients clients, ProviderSecrets secrets, EventLog eventLog,
            TrackingLinks links, ObjectProvider<ExperimentAssignments> experiments, Clock clock,
            SendingProperties properties) {
        return new OutboxSender(outbox, clients, secrets, eventLog, links,
                experiments.getIfAvailable(() -> ExperimentAssignments.NONE), clock, Schedulers.parallel(),
                properties.settings(), workerName());
    }

    @Bean
    SendRunner sendRunner(OutboxSender sender, SendingProperties properties) {
        return new SendRunner(sender, properties.enabled());
    }

    @Bean
    MeterBinder sendMetrics(OutboxSender sender) {
        return registry -> {
            var stats = sender.stats();
            FunctionCounter.builder("funnelstream.sending.messages", stats, s -> s.sent())
                    .tag("outcome", "sent").register(registry);
            FunctionCounter.builder("funnelstream.sending.messages", stats, s -> s.failed())
                    .tag("outcome", "failed").register(registry);
            FunctionCounter.builder("funnelstream.sending.messages", stats, s -> s.retried())
                    .tag("outcome", "retried").register(registry);
            FunctionCounter.builder("funnelstream.sending.messages", stats, s -> s.suppressed())
                    .tag("outcome", "suppressed").register(registry);
            FunctionCounter.builder("funnelstream.sending.messages", stats, s -> s.held())
                    .tag("outcome", "held").register(registry);
            FunctionCounter.builder("funnelstream.sending.lost.leases", stats, s -> s.lostLeases()).register(registry);
            FunctionCounter.builder("funnelstream.sending.recorded", stats, s -> s.recorded()).register(registry);
            FunctionCounter.builder("funnelstream.sending.record.failures", stats, s -> s.recordFailures())
                    .register(registry);
        };
    }

    /** Unique per process: a lease names its holder, and two workers must never share a name. */
    private static String workerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
