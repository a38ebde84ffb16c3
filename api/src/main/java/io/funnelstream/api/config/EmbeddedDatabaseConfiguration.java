package io.funnelstream.api.config;

import io.funnelstream.infra.embedded.EmbeddedPostgres;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The embedded default (no {@code production} profile): the database is an embedded PostgreSQL in a persistent data
 * directory, started before any bean that needs it and stopped after them.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!" + Profiles.PRODUCTION)
@EnableConfigurationProperties({EmbeddedPostgresProperties.class, PostgresProperties.class})
public class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) {
        var server = EmbeddedPostgres.start(new EmbeddedPostgres.Settings(
                properties.dataDirectory(), properties.port(), properties.startupTimeout(), properties.ephemeral()));
        try {
            server.createDatabaseIfMissing(properties.database());
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @Bean
    DatabaseEndpoint databaseEndpoint(
            EmbeddedPostgres server, EmbeddedPostgresProperties embedded, PostgresProperties postgres) {
        return new DatabaseEndpoint(
                server.host(),
                server.port(),
                embedded.database(),
                postgres.user(),
                postgres.password(),
                postgres.migrationUser(),
                postgres.migrationPassword());
    }
}
