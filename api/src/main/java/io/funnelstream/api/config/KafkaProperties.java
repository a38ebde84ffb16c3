package io.funnelstream.api.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Kafka, the production profile's event log ({@code funnelstream.kafka.*}).
 *
 * @param bootstrapServers comma-separated {@code host:port} list
 * @param clientId prefix of the client ids this service uses
 * @param healthTimeout how long the health check's cluster description may take before Kafka counts as down
 */
@ConfigurationProperties("funnelstream.kafka")
public record KafkaProperties(String bootstrapServers, String clientId, Duration healthTimeout) {}
