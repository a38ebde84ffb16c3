package io.funnelstream.api.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.api.error.Problems;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Role;
import io.funnelstream.engine.model.TenantRecord;
import io.funnelstream.engine.port.ProviderSecrets;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.engine.send.OutboundMessage;
import io.funnelstream.engine.send.OutboxSender;
import io.funnelstream.engine.send.ProviderClient;
import io.funnelstream.engine.send.SendOutcome;
import io.funnelstream.engine.send.SendResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The distributions API end to end on the embedded default, with a provider of the test's own: validation
 * problems listing every bad field, streamed recipients, start, pause, resume and cancel, and the counts.
 * The sending worker is driven by the test, one batch at a time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"funnelstream.sending.enabled=false", "funnelstream.sending.recipient-batch=100"})
@AutoConfigureWebTestClient
@Import(DistributionApiIntegrationTests.FakeProviderConfiguration.class)
@SuppressWarnings("unchecked")
class DistributionApiIntegrationTests {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    WebTestClient client;

    @Autowired
    TenantDirectory directory;

    @Autowired
    ProviderSecrets secrets;

    @Autowired
    OutboxSender sender;

    @Autowired
    AcceptingProvider provider;

    String analyst;
    String admin;
    String viewer;
    UUID survey;

    @TestConfiguration
    static class FakeProviderConfiguration {
        @Bean
        AcceptingProvider acceptingProvider() {
            return new AcceptingProvider();
        }
    }

    /** Takes every message and remembers it. */
    static final class AcceptingProvider implements ProviderClient {
        final Queue<OutboundMessage> sent = new ConcurrentLinkedQueue<>();

        @Override
        public Provider provider() {
            return Provider.SENDGRID;
        }

        @Override
        public Mono<SendOutcome> send(OutboundMessage message, Map<String, String> credentials) {
            sent.add(message);
            return Mono.just(new SendOutcome.Accepted("sg-" + message.messageId()));
        }
    }

    @BeforeEach
    void tenant() {
        client = client.mutate().responseTimeout(WAIT).build();
        String slug = "dist-" + UUID.randomUUID().toString().substring(0, 8);
        TenantRecord tenant = directory.createTenant(slug, slug).block(WAIT);
        analyst = directory.createApiKey(tenant.id(), "a", Role.ANALYST).block(WAIT).plaintext();
        admin = directory.createApiKey(tenant.id(), "b", Role.ADMIN).block(WAIT).plaintext();
        viewer = directory.createApiKey(tenant.id(), "c", Role.VIEWER).block(WAIT).plaintext();
        secrets.put(tenant.id(), Provider.SENDGRID, Map.of("apiKey", "SG.test")).block(WAIT);
        survey = UUID.fromString(post("/api/surveys", analyst, Map.of("title", "NPS", "link", "https://s.example/nps"))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id")
                .toString());
    }

    @Test
    void shouldListEveryInvalidFieldInOneProblem() {
        Map<String, Object> body = Map.of(
                "surveyId", "not-a-uuid",
                "channels", List.of("email", "fax"),
                "template", Map.of("text", "Hello {{first_name}}: {{survey_link}}"),
                "recipients", List.of(
                        Map.of("email", "no-at-sign.example.com"),
                        Map.of("phone", "0151 1234", "channel", "sms"),
                        Map.of("email", "a@example.com", "locale", "en_US!"),
                        Map.of("email", "b@example.com", "fields", Map.of("plan", Map.of("nested", 1))),
                        Map.of("locale", "de")));

        post("/api/distributions", analyst, body)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(Problems.TYPE_PREFIX + "invalid-distribution")
                .jsonPath("$.errors[*].field").value(fields -> assertThat((List<Object>) fields).containsExactly(
                        "surveyId", "channels[1]", "template.subject"));

        Map<String, Object> good = Map.of("surveyId", survey.toString(), "channels", List.of("email", "sms"),
                "template", Map.of("subject", "Hi", "text", "Hello {{first_name}}: {{survey_link}}"),
                "recipients", body.get("recipients"));
        post("/api/distributions", analyst, good)
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field").value(fields -> assertThat((List<Object>) fields).containsExactly(
                        "recipients[0].email", "recipients[1].phone", "recipients[2].locale",
                        "recipients[3].fields.plan", "recipients[4]"))
                .jsonPath("$.errors[0].message").isEqualTo("not an email address");
    }

    @Test
    void shouldRefuseAnUnknownSurveyAndViewersAndUnknownDistributions() {
        Map<String, Object> body = Map.of("surveyId", UUID.randomUUID().toString(), "channels", List.of("sms"),
                "template", Map.of("text", "{{survey_link}}"));
        expectProblem(post("/api/distributions", analyst, body), 404, "survey-not-found");
        expectProblem(post("/api/distributions", viewer, body), 403, "forbidden");
        expectProblem(client.get().uri("/api/distributions/{id}", UUID.randomUUID()).header("X-API-Key", viewer)
                .exchange(), 404, "distribution-not-found");
        expectProblem(put("/api/admin/channels/sms/provider", admin, Map.of("provider", "sendgrid")), 400,
                "invalid-channel-provider");
    }

    @Test
    void shouldStreamRecipientsAllOrNone() {
        UUID id = create(List.of());
        String ndjson = IntStream.range(0, 1_250)
                .mapToObj(i -> "{\"email\":\"p" + i + "@example.com\",\"fields\":{\"first_name\":\"P" + i + "\"}}")
                .collect(Collectors.joining("\n"));
        client.post().uri("/api/distributions/{id}/recipients", id).header("X-API-Key", analyst)
                .contentType(MediaType.APPLICATION_NDJSON).bodyValue(ndjson)
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.added").isEqualTo(1_250);

        String bad = "{\"email\":\"ok@example.com\"}\n".repeat(150) + "{\"email\":\"bad@\"}\n";
        expectProblem(client.post().uri("/api/distributions/{id}/recipients", id).header("X-API-Key", analyst)
                .contentType(MediaType.APPLICATION_NDJSON).bodyValue(bad).exchange(), 400, "invalid-recipients");
        status(id).jsonPath("$.counts.total").isEqualTo(1_250);
    }

    @Test
    void shouldSendPauseResumeAndCancelWithCounts() {
        put("/api/admin/channels/email/provider", admin, Map.of("provider", "sendgrid")).expectStatus().isOk();
        UUID id = create(IntStream.range(0, 5).mapToObj(i -> Map.<String, Object>of("email", "r" + i + "@example.com",
                "fields", Map.of("first_name", "R" + i))).toList());
        status(id).jsonPath("$.status").isEqualTo("draft").jsonPath("$.counts.queued").isEqualTo(5);

        action(id, "start").expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("running");
        action(id, "pause").expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("paused");
        expectProblem(action(id, "pause"), 409, "distribution-state");
        assertThat(sender.sendOnce().collectList().block(WAIT)).as("a paused distribution sends nothing").isEmpty();

        action(id, "start").expectStatus().isOk();
        assertThat(sender.sendOnce().collectList().block(WAIT)).extracting(SendResult::kind)
                .containsOnly(SendResult.Kind.SENT).hasSize(5);
        status(id).jsonPath("$.status").isEqualTo("completed").jsonPath("$.counts.sent").isEqualTo(5);
        assertThat(provider.sent).extracting(OutboundMessage::text)
                .anyMatch(t -> t.startsWith("Hello R0: https://s.example/nps?ft="));

        UUID cancelled = create(List.of(Map.of("email", "x@example.com")));
        action(cancelled, "start").expectStatus().isOk();
        action(cancelled, "cancel").expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("cancelled").jsonPath("$.counts.cancelled").isEqualTo(1);
        expectProblem(action(cancelled, "start"), 409, "distribution-state");
        assertThat(sender.sendOnce().collectList().block(WAIT)).isEmpty();
    }

    private UUID create(List<Map<String, Object>> recipients) {
        Map<String, Object> body = Map.of("surveyId", survey.toString(), "name", "Q4", "channels", List.of("email"),
                "template", Map.of("subject", "Your view", "text", "Hello {{first_name}}: {{survey_link}}",
                        "html", "<p>Hello {{first_name}}</p><a href=\"{{survey_link}}\">go</a>"),
                "recipients", recipients);
        Map<?, ?> created = post("/api/distributions", analyst, body).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return UUID.fromString(created.get("id").toString());
    }

    private WebTestClient.BodyContentSpec status(UUID id) {
        return client.get().uri("/api/distributions/{id}", id).header("X-API-Key", viewer).exchange()
                .expectStatus().isOk().expectBody();
    }

    private WebTestClient.ResponseSpec action(UUID id, String action) {
        return client.post().uri("/api/distributions/{id}/" + action, id).header("X-API-Key", analyst).exchange();
    }

    private WebTestClient.ResponseSpec post(String path, String key, Object body) {
        return client.post().uri(path).header("X-API-Key", key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec put(String path, String key, Object body) {
        return client.put().uri(path).header("X-API-Key", key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    private static void expectProblem(WebTestClient.ResponseSpec response, int status, String slug) {
        response.expectStatus().isEqualTo(status)
                .expectBody()
                .jsonPath("$.type").isEqualTo(Problems.TYPE_PREFIX + slug);
    }
}
