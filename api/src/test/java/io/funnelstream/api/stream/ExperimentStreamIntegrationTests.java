package io.funnelstream.api.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.ExperimentArm;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Role;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.MessageRegistry;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.engine.rollup.Counter;
import io.funnelstream.infra.postgres.TenantTransactions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The live scope {@code experiment:<id>}: a snapshot of the variants' rollups, then a delta when a message sent under
 * a variant is queued and when an event of it arrives, through the real pipeline; another tenant gets 404.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"funnelstream.stream.coalesce=100ms", "funnelstream.stream.retry=2s"})
@AutoConfigureWebTestClient
class ExperimentStreamIntegrationTests {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String PROBLEMS = "https://funnelstream.io/problems/";
    static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE =
            new ParameterizedTypeReference<>() {};

    @Autowired
    WebTestClient client;

    @Autowired
    TenantDirectory directory;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    MessageRegistry registry;

    @Autowired
    EventLog eventLog;

    @Test
    void shouldStreamTheVariantsSnapshotThenADeltaPerChangeOfAVariantsMessage() {
        TenantId tenant = directory.createTenant("x" + UUID.randomUUID().toString().substring(0, 8), "X")
                .block(TIMEOUT).id();
        String analyst = directory.createApiKey(tenant, "a", Role.ANALYST).block(TIMEOUT).plaintext();
        UUID distribution = distribution(tenant);
        UUID experiment = experiment(analyst, distribution);
        UUID message = UUID.randomUUID();
        Instant now = Instant.now();

        StepVerifier.create(stream(experiment, token(analyst)).filter(e -> e.event() != null))
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("snapshot");
                    assertThat(event.id()).matches("\\d+");
                    assertThat(event.data()).containsEntry("scope", "experiment:" + experiment);
                    assertThat(ranges(event)).containsOnlyKeys("a", "b");
                    assertThat(count(event, "b", Counter.reached(Stage.QUEUED))).isZero();
                })
                .then(() -> registry.queue(new LogRecord.MessageQueued(tenant, message, Channel.EMAIL,
                        Provider.SENDGRID, "sg-" + message, distribution, null, null, now,
                        new ExperimentArm(experiment, "b", true))).block(TIMEOUT))
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("delta");
                    assertThat(count(event, "b", Counter.reached(Stage.QUEUED))).isEqualTo(1);
                    assertThat(count(event, "a", Counter.reached(Stage.QUEUED))).isZero();
                    assertThat(event.data().get("changed").toString()).contains("b=[stage.queued]");
                })
                .then(() -> eventLog.append(List.of(LogRecord.of(new MessageEvent(tenant, Channel.EMAIL,
                        Provider.SENDGRID, "ev-" + message, "sg-" + message, null, EventType.DELIVERED,
                        now.plusSeconds(2), now.plusSeconds(3), null, null, null, null, null, false, "delivered"))))
                        .block(TIMEOUT))
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("delta");
                    assertThat(count(event, "b", Counter.reached(Stage.DELIVERED))).isEqualTo(1);
                    assertThat(event.data().get("changed").toString()).contains("stage.delivered");
                })
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void shouldAnswerAnotherTenantsExperimentWithNotFound() {
        TenantId owner = directory.createTenant("y" + UUID.randomUUID().toString().substring(0, 8), "Y")
                .block(TIMEOUT).id();
        String analyst = directory.createApiKey(owner, "a", Role.ANALYST).block(TIMEOUT).plaintext();
        UUID experiment = experiment(analyst, distribution(owner));
        TenantId other = directory.createTenant("z" + UUID.randomUUID().toString().substring(0, 8), "Z")
                .block(TIMEOUT).id();
        String stranger = directory.createApiKey(other, "v", Role.VIEWER).block(TIMEOUT).plaintext();

        client.get().uri("/api/analytics/stream?scope=experiment:" + experiment + "&token=" + token(stranger))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "experiment-not-found");
    }

    private Flux<ServerSentEvent<Map<String, Object>>> stream(UUID experiment, String token) {
        return client.mutate().responseTimeout(TIMEOUT).build().get()
                .uri(b -> b.path("/api/analytics/stream").queryParam("scope", "experiment:" + experiment)
                        .queryParam("token", token).build())
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .returnResult(SSE)
                .getResponseBody();
    }

    private String token(String apiKey) {
        return client.post().uri("/api/stream-tokens").header("X-API-Key", apiKey).exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("token").toString();
    }

    private UUID experiment(String analyst, UUID distribution) {
        Map<String, Object> body = Map.of("distributionId", distribution.toString(), "name", "subjects",
                "metric", "delivery", "minimumDetectableEffect", 0.05, "maxSamplePerArm", 1_000,
                "variants", List.of(Map.of("key", "a", "weight", 0.5, "settings", Map.of("subject", "Hi")),
                        Map.of("key", "b", "weight", 0.5, "settings", Map.of("subject", "Hello"))));
        Map<?, ?> created = client.post().uri("/api/experiments").header("X-API-Key", analyst)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        String id = created.get("id").toString();
        client.post().uri("/api/experiments/{id}/start", id).header("X-API-Key", analyst).exchange()
                .expectStatus().isOk();
        return UUID.fromString(id);
    }

    private UUID distribution(TenantId tenant) {
        UUID survey = UUID.randomUUID();
        UUID distribution = UUID.randomUUID();
        execute(tenant, "insert into surveys (id, tenant_id, title, link) values ('" + survey + "', '"
                + tenant.value() + "', 'NPS', 'https://survey.example/nps')");
        execute(tenant, "insert into distributions (id, tenant_id, survey_id, name) values ('" + distribution
                + "', '" + tenant.value() + "', '" + survey + "', 'launch')");
        return distribution;
    }

    private void execute(TenantId tenant, String sql) {
        transactions.inTenant(tenant, c -> Flux.from(c.createStatement(sql).execute())
                        .concatMap(r -> r.getRowsUpdated()))
                .blockLast(TIMEOUT);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ranges(ServerSentEvent<Map<String, Object>> event) {
        return (Map<String, Object>) event.data().get("ranges");
    }

    @SuppressWarnings("unchecked")
    private static long count(ServerSentEvent<Map<String, Object>> event, String variant, String counter) {
        Map<String, Object> counts = (Map<String, Object>) ((Map<String, Object>) ranges(event).get(variant))
                .get("counts");
        Object value = counts.get(counter);
        return value == null ? 0 : ((Number) value).longValue();
    }
}
