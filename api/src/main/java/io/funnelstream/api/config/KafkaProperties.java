package io.funnelstream.api.config;

import io.funnelstream.infra.kafka.KafkaEventLogSettings;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Kafka, the production profile's event log ({@code funnelstream.kafka.*}).
 *
 * @param bootstrapServers comma-separated {@code host:port} list
 * @param clientId prefix of the client ids this service uses
 * @param healthTimeout how long the health check's cluster description may take before Kafka counts as down
 * @param topic the event log's topic, {@link KafkaEventLogSettings#TOPIC} unless set
 * @param producers transactional producers appending side by side (4 unless set)
 */
@ConfigurationProperties("funnelstream.kafka")
public record KafkaProperties(
        String bootstrapServers, String clientId, Duration healthTimeout, @Nullable String topic, int producers) {

    public KafkaProperties {
        topic = topic == null || topic.isBlank() ? KafkaEventLogSettings.TOPIC : topic;
        producers = producers <= 0 ? 4 : producers;
    }
}
