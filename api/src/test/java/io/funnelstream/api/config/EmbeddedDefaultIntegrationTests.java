package io.funnelstream.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.api.support.LocalPostgres;
import io.r2dbc.spi.ConnectionFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The default with no profile and no external service: embedded Postgres in a data directory and on a port of its own,
 * persistent as in real use; the context closes (and stops the server) before the directory is removed.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "funnelstream.embedded.postgres.ephemeral=false"
        })
@AutoConfigureWebTestClient
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EmbeddedDefaultIntegrationTests {

    @TempDir
    static Path dataDirectory;

    private static final int PORT = LocalPostgres.freePort();

    @DynamicPropertySource
    static void embeddedServer(DynamicPropertyRegistry registry) {
        registry.add("funnelstream.embedded.postgres.data-dir", () -> dataDirectory.toString());
        registry.add("funnelstream.embedded.postgres.port", () -> PORT);
    }

    @Autowired
    WebTestClient client;

    @Autowired
    ConnectionFactory connectionFactory;

    @Test
    void shouldReportHealthUpWithEmbeddedComponents() {
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.embeddedPostgres.status").isEqualTo("UP")
                .jsonPath("$.components.eventLog.status").exists()
                .jsonPath("$.components.rollupStore.status").isEqualTo("UP")
                .jsonPath("$.components.redis").doesNotExist()
                .jsonPath("$.components.kafka").doesNotExist();
    }

    @Test
    void shouldKeepDataInConfiguredDirectoryOnConfiguredPort() {
        assertThat(dataDirectory.resolve("PG_VERSION")).exists();
        assertThat(Files.isRegularFile(dataDirectory.resolve("postmaster.pid"))).isTrue();
    }

    @Test
    void shouldApplyMigrationsBeforeServingConnectionsAsTheServiceRole() {
        Mono<String> note = Mono.usingWhen(
                Mono.from(connectionFactory.create()),
                connection -> Flux.from(connection.createStatement(
                                        "select current_user || ' ' || (to_regclass('messages') is not null)")
                                .execute())
                        .concatMap(result -> result.map((row, metadata) -> String.valueOf(row.get(0, String.class))))
                        .next(),
                connection -> Mono.from(connection.close()));

        StepVerifier.create(note).expectNext("funnelstream_app true").expectComplete().verify(Duration.ofSeconds(10));
    }

    @Test
    void shouldAnswerUnknownPublicRouteWithProblem() {
        client.get().uri("/webhooks/no-such-provider").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://funnelstream.io/problems/not-found")
                .jsonPath("$.instance").isEqualTo("/webhooks/no-such-provider");
    }
}
