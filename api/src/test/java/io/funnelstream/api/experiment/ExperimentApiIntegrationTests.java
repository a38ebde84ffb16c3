package io.funnelstream.api.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.experiment.Assignment;
import io.funnelstream.engine.experiment.ExperimentAssignments;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.ExperimentArm;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Role;
import io.funnelstream.engine.model.SurveyEvent;
import io.funnelstream.engine.model.SurveyEventType;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.MessageRegistry;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.infra.postgres.TenantTransactions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/** The experiments API end to end on the embedded database: life, validation, assignment and results. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExperimentApiIntegrationTests {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String PROBLEMS = "https://funnelstream.io/problems/";

    @Autowired
    WebTestClient client;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    ExperimentAssignments assignments;

    @Autowired
    MessageRegistry registry;

    @Autowired
    EventLog eventLog;

    TenantId tenant;
    String analyst;
    String viewer;
    UUID distribution;

    @BeforeAll
    void tenantWithADistribution(@Autowired TenantDirectory directory) {
        tenant = directory.createTenant("experiments-api", "Experiments").block(TIMEOUT).id();
        analyst = directory.createApiKey(tenant, "tests", Role.ANALYST).block(TIMEOUT).plaintext();
        viewer = directory.createApiKey(tenant, "tests", Role.VIEWER).block(TIMEOUT).plaintext();
        UUID survey = UUID.randomUUID();
        distribution = UUID.randomUUID();
        execute("insert into surveys (id, tenant_id, title, link) values ('" + survey + "', '" + tenant.value()
                + "', 'NPS', 'https://survey.example/nps')");
        execute("insert into distributions (id, tenant_id, survey_id, name) values ('" + distribution + "', '"
                + tenant.value() + "', '" + survey + "', 'launch')");
    }

    @Test
    void shouldRunAnExperimentFromDraftToResults() {
        String id = create(body(0.5, 0.5, "0.05", "response", 1.0)).get("id").asString();
        client.post().uri("/api/experiments/{id}/start", id).header("X-API-Key", analyst).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("running");

        // Every third recipient of each variant responds, so the variants' rates differ by chance alone as little
        // as they can: the interval of their difference holds 0 and nothing is declared, whatever the split.
        Map<String, Integer> perVariant = new java.util.HashMap<>();
        int responded = 0;
        for (int i = 0; i < 40; i++) {
            UUID recipient = UUID.randomUUID();
            Assignment first = assignments.assign(tenant, distribution, recipient).block(TIMEOUT);
            assertThat(first).isInstanceOf(Assignment.Send.class);
            assertThat(assignments.assign(tenant, distribution, recipient).block(TIMEOUT)).isEqualTo(first);
            String variant = ((Assignment.Send) first).variant();
            boolean responds = perVariant.merge(variant, 1, Integer::sum) % 3 == 1;
            responded += responds ? 1 : 0;
            sent(UUID.fromString(id), recipient, variant, responds);
        }
        long successesExpected = responded;

        // the messages and responses go through the pipeline into the variants' rollups, where results read them
        JsonNode results = await(() -> {
            JsonNode r = client.get().uri("/api/experiments/{id}/results", id).header("X-API-Key", viewer)
                    .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
            JsonNode v = r.get("variants");
            long successes = v.get(0).get("successes").asLong() + v.get(1).get("successes").asLong();
            long trials = v.get(0).get("trials").asLong() + v.get(1).get("trials").asLong();
            return trials == 40 && successes == successesExpected ? r : null;
        });
        JsonNode variants = results.get("variants");
        assertThat(variants.get(0).get("key").asString()).isEqualTo("a");
        assertThat(variants.get(0).get("assigned").asLong() + variants.get(1).get("assigned").asLong()).isEqualTo(40);
        assertThat(variants.get(0).get("trials").asLong() + variants.get(1).get("trials").asLong()).isEqualTo(40);
        assertThat(variants.get(0).get("successes").asLong() + variants.get(1).get("successes").asLong())
                .isEqualTo(successesExpected);
        assertThat(variants.get(0).get("wilson95").get("lower").asDouble()).isBetween(0.0, 1.0);
        JsonNode comparison = results.get("comparisons").get(0);
        assertThat(comparison.get("sequential").get("minimumCountsReached").asBoolean()).isFalse();
        assertThat(comparison.get("newcombe95").get("lower").asDouble()).isLessThan(0.0);
        assertThat(results.get("chiSquare").get("yatesCorrected").asBoolean()).isTrue();
        assertThat(results.get("sampleRatio").get("mismatch").asBoolean()).isFalse();
        assertThat(results.get("recommendation").get("decision").asString()).isEqualTo("keep_running");

        client.post().uri("/api/experiments/{id}/pause", id).header("X-API-Key", analyst).exchange()
                .expectStatus().isOk();
        assertThat(assignments.assign(tenant, distribution, UUID.randomUUID()).block(TIMEOUT))
                .isEqualTo(new Assignment.NotRunning());
        client.post().uri("/api/experiments/{id}/stop", id).header("X-API-Key", analyst).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("stopped");
        client.post().uri("/api/experiments/{id}/start", id).header("X-API-Key", analyst).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "experiment-status");
        client.get().uri("/api/experiments").header("X-API-Key", viewer).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[?(@.id == '" + id + "')].status").isEqualTo("stopped");
    }

    @Test
    void shouldRefuseBadDesignsWithProblemDetails() {
        assertInvalid(body(0.5, 0.6, "0.05", "response", 1.0), "the weights must sum to 1");
        assertInvalid(body(0.5, 0.5, "0.5", "response", 1.0), "alpha must lie in (0, 0.5)");
        assertInvalid(body(0.5, 0.5, "0", "response", 1.0), "alpha must lie in (0, 0.5)");
        assertInvalid(body(0.5, 0.5, "0.05", "clicks", 1.0), "metric must be one of");
        Map<String, Object> one = body(1.0, 0.5, "0.05", "view", 1.0);
        one.put("variants", List.of(Map.of("key", "a", "weight", 1.0)));
        assertInvalid(one, "at least 2 variants");
        Map<String, Object> pigeon = body(0.5, 0.5, "0.05", "view", 1.0);
        pigeon.put("variants", List.of(Map.of("key", "a", "weight", 0.5),
                Map.of("key", "b", "weight", 0.5, "settings", Map.of("channel", "pigeon"))));
        assertInvalid(pigeon, "must be a channel (email, sms or whatsapp), got pigeon");
        Map<String, Object> sms = body(0.5, 0.5, "0.05", "view", 1.0);
        sms.put("variants", List.of(Map.of("key", "a", "weight", 0.5),
                Map.of("key", "b", "weight", 0.5, "settings", Map.of("channel", "sms"))));
        assertThat(create(sms).get("variants").get(1).get("settings").get("channel").asString()).isEqualTo("sms");
        Map<String, Object> elsewhere = body(0.5, 0.5, "0.05", "view", 1.0);
        elsewhere.put("distributionId", UUID.randomUUID().toString());
        assertInvalid(elsewhere, "does not exist");
        client.post().uri("/api/experiments").header("X-API-Key", viewer).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body(0.5, 0.5, "0.05", "view", 1.0)).exchange().expectStatus().isForbidden();
        client.get().uri("/api/experiments/{id}/results", UUID.randomUUID()).header("X-API-Key", viewer).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void shouldAnswerSampleSizesAndRefuseImpossibleOnes() {
        // R: power.prop.test(p1 = .50, p2 = .75, power = .90) gives n = 76.7 per group
        client.get().uri("/api/experiments/sample-size?baseline=0.5&minimumDetectableEffect=0.25&power=0.9")
                .header("X-API-Key", viewer).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.perArmPooledVariance").isEqualTo(77).jsonPath("$.alpha").isEqualTo(0.05);
        client.get().uri("/api/experiments/sample-size?baseline=0.5&minimumDetectableEffect=0.25&alpha=0.7")
                .header("X-API-Key", viewer).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "invalid-experiment");
    }

    private void assertInvalid(Map<String, Object> body, String detail) {
        client.post().uri("/api/experiments").header("X-API-Key", analyst).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "invalid-experiment")
                .jsonPath("$.detail").value(String.class, d -> assertThat(d).contains(detail));
    }

    private JsonNode create(Map<String, Object> body) {
        return client.post().uri("/api/experiments").header("X-API-Key", analyst)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private Map<String, Object> body(double wa, double wb, String alpha, String metric, double testShare) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("distributionId", distribution.toString());
        body.put("name", "subject lines");
        body.put("variants", List.of(Map.of("key", "a", "weight", wa, "settings", Map.of("subject", "Hi")),
                Map.of("key", "b", "weight", wb, "settings", Map.of("subject", "Your view counts"))));
        body.put("metric", metric);
        body.put("alpha", Double.parseDouble(alpha));
        body.put("minimumDetectableEffect", 0.02);
        body.put("maxSamplePerArm", 20_000);
        body.put("testShare", testShare);
        return body;
    }

    /** A message of the distribution sent to the recipient under its variant, and its completion if it responded. */
    private void sent(UUID experiment, UUID recipient, String variant, boolean responded) {
        execute("insert into recipients (id, tenant_id, distribution_id, email) values ('" + recipient + "', '"
                + tenant.value() + "', '" + distribution + "', 'r@example.com')");
        UUID message = UUID.randomUUID();
        Instant now = Instant.now();
        registry.queue(new LogRecord.MessageQueued(tenant, message, Channel.EMAIL, Provider.SENDGRID, "sg-" + message,
                distribution, null, recipient, now, new ExperimentArm(experiment, variant, true))).block(TIMEOUT);
        if (responded) {
            eventLog.append(List.of(LogRecord.of(new SurveyEvent(tenant, message, recipient, distribution, null,
                    SurveyEventType.COMPLETED, null, "done-" + message, now, now, Map.of(), false, null))))
                    .block(TIMEOUT);
        }
    }

    private static <T> T await(Supplier<@Nullable T> answer) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        T value;
        while ((value = answer.get()) == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for the pipeline");
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        return value;
    }

    private void execute(String sql) {
        transactions.inTenant(tenant, c -> Flux.from(c.createStatement(sql).execute())
                        .concatMap(r -> r.getRowsUpdated()))
                .blockLast(TIMEOUT);
    }
}
