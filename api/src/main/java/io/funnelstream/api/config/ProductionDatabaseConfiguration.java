package io.funnelstream.api.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The production profile's database: an external PostgreSQL named entirely by configuration. */
@Configuration(proxyBeanMethods = false)
@Profile(Profiles.PRODUCTION)
@EnableConfigurationProperties(PostgresProperties.class)
public class ProductionDatabaseConfiguration {

    @Bean
    DatabaseEndpoint databaseEndpoint(PostgresProperties postgres) {
        return new DatabaseEndpoint(
                postgres.host(),
                postgres.port(),
                postgres.database(),
                postgres.user(),
                postgres.password(),
                postgres.migrationUser(),
                postgres.migrationPassword());
    }
}
