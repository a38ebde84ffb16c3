package io.funnelstream.api.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The migration tool, shared by the service's startup and the {@code migrate} command. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MigrationProperties.class)
public class MigrationConfiguration {

    @Bean
    DatabaseMigrator databaseMigrator(DatabaseEndpoint endpoint) {
        return new DatabaseMigrator(endpoint);
    }
}
