package io.funnelstream.api.config;

import io.funnelstream.api.health.EventLogHealthIndicator;
import io.funnelstream.api.health.InProcessHealthIndicator;
import io.funnelstream.api.health.PostgresHealthIndicator;
import io.funnelstream.infra.embedded.EmbeddedPostgres;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The service's reactive access to Postgres: migrations first, then the R2DBC pool, then the health indicators. The
 * same code serves both modes; only the {@link DatabaseEndpoint} differs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PostgresProperties.class, MigrationProperties.class})
public class PersistenceConfiguration {

    /** Proof that the schema was brought up to date (or deliberately left alone) before the pool opened. */
    public record StartupMigration(boolean applied) {}

    @Bean
    StartupMigration startupMigration(DatabaseMigrator migrator, MigrationProperties properties) {
        if (properties.onStartup()) {
            migrator.up();
        }
        return new StartupMigration(properties.onStartup());
    }

    /** The pool is the {@link ConnectionFactory} every adapter uses; it opens connections lazily. */
    @Bean(destroyMethod = "dispose")
    ConnectionPool connectionFactory(
            DatabaseEndpoint endpoint, PostgresProperties properties, StartupMigration startupMigration) {
        var connections = PostgresqlConnectionConfiguration.builder()
                .host(endpoint.host())
                .port(endpoint.port())
                .database(endpoint.database())
                .username(endpoint.user())
                .applicationName("funnelstream")
                .forceBinary(true)
                .connectTimeout(properties.connectTimeout());
        if (endpoint.password() != null) {
            connections.password(endpoint.password());
        }
        PostgresProperties.Pool pool = properties.pool();
        var postgres = new PostgresqlConnectionFactory(connections.build());
        return new ConnectionPool(ConnectionPoolConfiguration.builder(postgres)
                .name("funnelstream")
                .initialSize(pool.initialSize())
                .maxSize(pool.maxSize())
                .maxIdleTime(pool.maxIdleTime())
                .maxAcquireTime(pool.maxAcquireTime())
                .build());
    }

    /** Health of the embedded default: the embedded server, and the in-process stores it backs. */
    @Configuration(proxyBeanMethods = false)
    @Profile("!" + Profiles.PRODUCTION)
    static class EmbeddedHealth {

        @Bean
        PostgresHealthIndicator embeddedPostgresHealthIndicator(
                ConnectionFactory connectionFactory, PostgresProperties properties, EmbeddedPostgres server) {
            return new PostgresHealthIndicator(connectionFactory, properties.healthTimeout(), Map.of(
                    "port", server.port(), "dataDirectory", server.dataDirectory().toString()));
        }

        @Bean
        EventLogHealthIndicator eventLogHealthIndicator(
                ConnectionFactory connectionFactory, PostgresProperties properties) {
            return new EventLogHealthIndicator(connectionFactory, properties.healthTimeout());
        }

        @Bean
        InProcessHealthIndicator rollupStoreHealthIndicator() {
            return new InProcessHealthIndicator("in-memory");
        }
    }

    /** Health of the production profile's external Postgres. */
    @Configuration(proxyBeanMethods = false)
    @Profile(Profiles.PRODUCTION)
    static class ProductionHealth {

        @Bean
        PostgresHealthIndicator postgresHealthIndicator(
                ConnectionFactory connectionFactory, PostgresProperties properties) {
            return new PostgresHealthIndicator(connectionFactory, properties.healthTimeout(), Map.of());
        }
    }
}
