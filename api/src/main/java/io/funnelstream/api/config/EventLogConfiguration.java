package io.funnelstream.api.config;

import io.funnelstream.engine.port.EventLog;
import io.funnelstream.infra.embedded.PostgresEventLog;
import io.funnelstream.infra.embedded.PostgresEventLogSettings;
import io.funnelstream.infra.kafka.KafkaEventLog;
import io.funnelstream.infra.kafka.KafkaEventLogSettings;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import reactor.core.scheduler.Schedulers;

/**
 * The durable event log: a Kafka topic in production, a Postgres table with group commit in the embedded default.
 * Everything upstream (webhooks, tracking) appends to the {@link EventLog} port and never knows which.
 */
@Configuration(proxyBeanMethods = false)
public class EventLogConfiguration {

    @Configuration(proxyBeanMethods = false)
    @Profile("!" + Profiles.PRODUCTION)
    static class Embedded {

        @Bean
        PostgresEventLog eventLog(ConnectionFactory connectionFactory,
                @Value("${funnelstream.event-log.writes-in-flight:"
                        + PostgresEventLogSettings.DEFAULT_WRITES_IN_FLIGHT + "}") int writesInFlight) {
            return new PostgresEventLog(connectionFactory,
                    PostgresEventLogSettings.defaults().withWritesInFlight(writesInFlight), Schedulers.parallel());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Profile(Profiles.PRODUCTION)
    @EnableConfigurationProperties(KafkaProperties.class)
    static class Production {

        @Bean(destroyMethod = "close")
        KafkaEventLog eventLog(KafkaProperties properties) {
            return KafkaEventLog.create(
                    KafkaEventLogSettings.defaults(properties.bootstrapServers())
                            .withTopic(properties.topic())
                            .withProducers(properties.producers()));
        }
    }
}
