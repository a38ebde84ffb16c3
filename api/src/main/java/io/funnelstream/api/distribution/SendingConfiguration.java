package io.funnelstream.api.distribution;

import io.funnelstream.api.config.HomePaths;
import io.funnelstream.engine.distribution.DistributionStore;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.ProviderSecrets;
import io.funnelstream.engine.send.HmacTrackingLinks;
import io.funnelstream.engine.send.OutboxSender;
import io.funnelstream.engine.send.ProviderClients;
import io.funnelstream.engine.send.SendOutbox;
import io.funnelstream.engine.send.TrackingLinks;
import io.funnelstream.infra.postgres.PostgresAdapters;
import io.funnelstream.infra.postgres.TenantTransactions;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;
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

    @Bean
    TrackingLinks trackingLinks(SendingProperties properties) {
        return new HmacTrackingLinks(linkKey(properties));
    }

    @Bean
    OutboxSender outboxSender(SendOutbox outbox, ProviderClients clients, ProviderSecrets secrets, EventLog eventLog,
            TrackingLinks links, Clock clock, SendingProperties properties) {
        return new OutboxSender(outbox, clients, secrets, eventLog, links, clock, Schedulers.parallel(),
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

    private static byte[] linkKey(SendingProperties properties) {
        if (properties.linkKey() != null && !properties.linkKey().isBlank()) {
            return Base64.getDecoder().decode(properties.linkKey().strip());
        }
        if (properties.linkKeyFile() == null || properties.linkKeyFile().isBlank()) {
            throw new IllegalStateException("No tracking link key: set FS_TRACKING_LINK_KEY or FS_TRACKING_LINK_KEY_FILE");
        }
        Path file = HomePaths.expand(properties.linkKeyFile());
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: left as created
                }
            }
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the tracking link key " + file, e);
        }
    }
}
