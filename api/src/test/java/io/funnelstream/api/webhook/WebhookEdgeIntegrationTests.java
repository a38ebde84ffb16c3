package io.funnelstream.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.api.error.Problems;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * The edge before and after the engine: routing, method, media type and size limits, missing configuration, a
 * broken event log (503 with Retry-After, nothing acknowledged) and the metrics on the Prometheus endpoint.
 */
class WebhookEdgeIntegrationTests extends WebhookIntegrationTestSupport {

    private static final String APP_SECRET = "edge-tests-app-secret";

    private Tenant tenant;

    @BeforeEach
    void tenantWithMeta() {
        tenant = newTenant();
        configure(tenant, "meta", Map.of("appSecret", APP_SECRET, "verifyToken", "edge-verify"));
    }

    @Test
    void shouldAnswerUnknownProviderAndUnknownTenantWith404Problems() {
        expectProblem(client.post().uri("/webhooks/postmark/" + tenant.record().webhookKey())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange(), 404, "webhook-unsupported-provider");
        expectProblem(client.post().uri("/webhooks/smtp/" + tenant.record().webhookKey())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange(), 404, "webhook-unsupported-provider");
        expectProblem(client.post().uri("/webhooks/meta/whk_" + "0".repeat(64))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange(), 404, "webhook-unknown-tenant");
        expectProblem(client.post().uri("/webhooks/meta/short")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange(), 404, "webhook-unknown-tenant");
    }

    @Test
    void shouldAnswerPostsTakenStraightFromTheServerLikeThoseThroughTheChain() {
        // A plain path is served by DirectWebhookRoute; a percent-encoded one goes down the handler chain.
        EntityExchangeResult<byte[]> direct = unknownTenant(URI.create("http://localhost:" + port + "/webhooks/meta/short"));
        EntityExchangeResult<byte[]> chained = unknownTenant(URI.create("http://localhost:" + port + "/webhooks/meta/sh%6Frt"));

        for (EntityExchangeResult<byte[]> result : List.of(direct, chained)) {
            assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(new String(result.getResponseBodyContent(), StandardCharsets.UTF_8))
                    .contains("\"type\":\"" + Problems.TYPE_PREFIX + "webhook-unknown-tenant\"")
                    .contains("\"instance\":\"/webhooks/meta\"");
        }
        for (String name : List.of(HttpHeaders.CACHE_CONTROL, HttpHeaders.PRAGMA, HttpHeaders.EXPIRES,
                "X-Content-Type-Options", "X-Frame-Options", "X-XSS-Protection", "Referrer-Policy")) {
            assertThat(chained.getResponseHeaders().get(name)).as(name).isNotEmpty();
            assertThat(direct.getResponseHeaders().get(name)).as(name).isEqualTo(chained.getResponseHeaders().get(name));
        }
    }

    private EntityExchangeResult<byte[]> unknownTenant(URI uri) {
        return client.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(404)
                .expectBody().returnResult();
    }

    @Test
    void shouldKeepTenantKeyOutOfProblemInstance() {
        client.post().uri(tenant.path("meta")).contentType(MediaType.TEXT_PLAIN).bodyValue("x").exchange()
                .expectStatus().isEqualTo(415)
                .expectBody().jsonPath("$.instance").isEqualTo("/webhooks/meta");
    }

    @Test
    void shouldAnswerProviderWithoutCredentialsAs404NotConfigured() {
        Tenant bare = newTenant();
        expectProblem(meta(bare, body(), "sha256=00"), 404, "webhook-not-configured");
    }

    @Test
    void shouldRefuseWrongMethodAndWrongMediaType() {
        client.get().uri(tenant.path("sendgrid")).exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().valueEquals("Allow", "POST");
        expectProblem(client.put().uri(tenant.path("meta")).contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange(), 405, "method-not-allowed");
        expectProblem(client.post().uri(tenant.path("meta")).contentType(MediaType.APPLICATION_XML)
                .bodyValue("<a/>").exchange(), 415, "webhook-unsupported-media-type");
        expectProblem(client.post().uri(tenant.path("meta")).bodyValue("{}".getBytes(StandardCharsets.UTF_8))
                .exchange(), 415, "webhook-unsupported-media-type");
    }

    @Test
    void shouldRefuseBodiesOverTheProviderLimitDeclaredOrStreamed() {
        byte[] overOneMebibyte = new byte[1024 * 1024 + 1];
        Arrays.fill(overOneMebibyte, (byte) ' ');
        expectProblem(meta(tenant, overOneMebibyte, Signatures.meta(APP_SECRET, overOneMebibyte)), 413,
                "content-too-large");

        Flux<DataBuffer> chunks = Flux.range(0, 40).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[32 * 1024]));
        expectProblem(client.post().uri(tenant.path("meta")).contentType(MediaType.APPLICATION_JSON)
                .header("X-Hub-Signature-256", "sha256=00")
                .body(chunks, DataBuffer.class).exchange(), 413, "content-too-large");

        assertThat(logged(tenant.id())).isEmpty();
    }

    @Test
    void shouldTakeSendGridBatchesLargerThanTheDefaultLimit() {
        byte[] twoMebibytes = new byte[2 * 1024 * 1024];
        Arrays.fill(twoMebibytes, (byte) ' ');
        // Through the size limits to verification: no SendGrid key is configured for this tenant.
        expectProblem(client.post().uri(tenant.path("sendgrid")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(twoMebibytes).exchange(), 404, "webhook-not-configured");
        byte[] sixMebibytes = new byte[6 * 1024 * 1024];
        expectProblem(client.post().uri(tenant.path("sendgrid")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(sixMebibytes).exchange(), 413, "content-too-large");
    }

    @Test
    void shouldRefuseMalformedSignedBodiesWith4xx() {
        byte[] notJson = "{\"entry\": [".getBytes(StandardCharsets.UTF_8);
        expectProblem(meta(tenant, notJson, Signatures.meta(APP_SECRET, notJson)), 400, "webhook-malformed");
        byte[] badUtf8 = {'{', '"', 'o', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        expectProblem(meta(tenant, badUtf8, Signatures.meta(APP_SECRET, badUtf8)), 400, "webhook-malformed");
        assertThat(logged(tenant.id())).isEmpty();
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenEventLogFailsAndAcceptTheRetryOnceItWorks() {
        byte[] body = body();
        double unavailable = requests("meta", "unavailable", "webhook-event-log-unavailable");
        eventLog.set(SwitchableEventLog.Mode.FAILING);

        meta(tenant, body, Signatures.meta(APP_SECRET, body))
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "30")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://funnelstream.io/problems/webhook-event-log-unavailable");
        assertThat(logged(tenant.id())).isEmpty();
        assertThat(requests("meta", "unavailable", "webhook-event-log-unavailable")).isEqualTo(unavailable + 1);

        eventLog.set(SwitchableEventLog.Mode.WORKING);
        expectAccepted(meta(tenant, body, Signatures.meta(APP_SECRET, body)), 1, 0);
        assertThat(logged(tenant.id())).hasSize(1);
    }

    @Test
    void shouldAnswer503WhenEventLogDoesNotAnswerInTime() {
        byte[] body = body();
        eventLog.set(SwitchableEventLog.Mode.HANGING);

        meta(tenant, body, Signatures.meta(APP_SECRET, body))
                .expectStatus().isEqualTo(503)
                .expectHeader().exists("Retry-After");
        assertThat(logged(tenant.id())).isEmpty();
    }

    @Test
    void shouldExposeRequestEventAndLatencyMetricsToAdmins() {
        byte[] body = body();
        expectAccepted(meta(tenant, body, Signatures.meta(APP_SECRET, body)), 1, 0);
        meta(tenant, body, "sha256=00").expectStatus().isForbidden();

        String scrape = client.get().uri("/actuator/prometheus").header("X-API-Key", tenant.adminKey())
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(scrape)
                .contains("funnelstream_webhooks_requests_total{outcome=\"accepted\",provider=\"meta\",reason=\"events\"}")
                .contains("funnelstream_webhooks_requests_total{outcome=\"rejected\",provider=\"meta\","
                        + "reason=\"webhook-bad-signature\"}")
                .contains("funnelstream_webhooks_events_total{provider=\"meta\",type=\"failed\"}")
                .contains("funnelstream_webhooks_latency_seconds_count{provider=\"meta\"}");
        client.get().uri("/actuator/prometheus").header("X-API-Key", tenant.analystKey())
                .exchange().expectStatus().isForbidden();
    }

    /** The Meta sample with a status id of its own, so each test's event is new to the edge. */
    private static byte[] body() {
        return new String(sample("meta_whatsapp_status_failed.json"), StandardCharsets.UTF_8)
                .replace("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3RkM0RTZFNzRGRjgyMkE0QUEA",
                        "wamid." + java.util.UUID.randomUUID())
                .getBytes(StandardCharsets.UTF_8);
    }

    private WebTestClient.ResponseSpec meta(Tenant target, byte[] body, String signature) {
        return client.post().uri(target.path("meta"))
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Hub-Signature-256", signature)
                .bodyValue(body)
                .exchange();
    }
}
