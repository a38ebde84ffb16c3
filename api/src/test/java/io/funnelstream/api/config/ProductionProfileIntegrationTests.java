package io.funnelstream.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.api.support.InProcessKafka;
import io.funnelstream.api.support.LocalPostgres;
import io.funnelstream.api.support.ProbeController;
import io.funnelstream.infra.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The production profile against the machine's Postgres (a database of its own) and Redis, and a single-node KRaft
 * broker in this JVM: every dependency shows as its own health component, and all are UP.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "funnelstream.features.ab-testing=false",
            "management.endpoint.health.show-details=always"
        })
@ActiveProfiles(Profiles.PRODUCTION)
@AutoConfigureWebTestClient
@Import(ProbeController.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ProductionProfileIntegrationTests {

    private static String database = "";
    private static InProcessKafka kafka;

    @BeforeAll
    static void startServices() throws Exception {
        database = LocalPostgres.createDatabase("platform_production");
        kafka = InProcessKafka.start();
    }

    @AfterAll
    static void stopServices() throws Exception {
        LocalPostgres.dropDatabase(database);
        kafka.close();
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("funnelstream.postgres.host", () -> LocalPostgres.HOST);
        registry.add("funnelstream.postgres.port", () -> LocalPostgres.PORT);
        registry.add("funnelstream.postgres.database", () -> database);
        registry.add("funnelstream.redis.url", () -> "redis://127.0.0.1:6379");
        registry.add("funnelstream.kafka.bootstrap-servers", () -> kafka.bootstrapServers());
    }

    @Autowired
    WebTestClient client;

    @Autowired
    ApplicationContext context;

    @Autowired
    ProbeController probe;

    @Test
    void shouldReportPostgresRedisAndKafkaAsSeparateHealthyComponents() {
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.postgres.status").isEqualTo("UP")
                .jsonPath("$.components.postgres.details.version").isNotEmpty()
                .jsonPath("$.components.redis.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.details.brokers").isEqualTo(1)
                .jsonPath("$.components.embeddedPostgres").doesNotExist();
    }

    @Test
    void shouldUseConfiguredDatabaseAndStartNoEmbeddedServer() {
        assertThat(context.getBeansOfType(EmbeddedPostgres.class)).isEmpty();
        assertThat(LocalPostgres.tableExists(database, "messages")).isTrue();
    }

    @Test
    void shouldCloseSwitchedOffFeatureBeforeSecurityAndHandler() {
        client.get().uri("/api/experiments/probe").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://funnelstream.io/problems/feature-disabled");

        assertThat(probe.experimentCalls()).isZero();
        assertThat(context.getBean(io.funnelstream.api.feature.Features.class)
                        .isEnabled(io.funnelstream.api.feature.Feature.AB_TESTING))
                .isFalse();
    }
}
