package io.funnelstream.api.config;

import io.funnelstream.api.health.KafkaHealthIndicator;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Kafka's admin client for the production profile: health, and topic checks for the event log. Creating it opens no
 * connection, so the service starts while the brokers are unreachable and reports Kafka DOWN until they answer.
 */
@Configuration(proxyBeanMethods = false)
@Profile(Profiles.PRODUCTION)
@EnableConfigurationProperties(KafkaProperties.class)
public class KafkaConfiguration {

    /** Closed on shutdown; in-flight calls end within their own request timeout. */
    @Bean
    Admin kafkaAdmin(KafkaProperties properties) {
        int timeoutMs = Math.toIntExact(properties.healthTimeout().toMillis());
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, properties.clientId() + "-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Math.max(timeoutMs, 5_000),
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 10_000));
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(Admin kafkaAdmin, KafkaProperties properties) {
        return new KafkaHealthIndicator(kafkaAdmin, properties.healthTimeout());
    }
}
