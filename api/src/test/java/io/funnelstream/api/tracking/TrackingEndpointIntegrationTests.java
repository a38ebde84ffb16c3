package io.funnelstream.api.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.tracking.TrackingClaims;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The public tracking endpoint end to end on the embedded default: valid beacons reach the funnel through the
 * pipeline (unique per recipient, totals too, response time), replays count once, forged and expired tokens and
 * malformed bodies are refused with problem details and store nothing, limits answer 429, CORS preflights are
 * answered, scanners and opted-out visitors are handled, abandonment is concluded by the engine and undone by a
 * completion, and the tracker script is served cacheable.
 */
class TrackingEndpointIntegrationTests extends TrackingIntegrationTestSupport {

    @LocalServerPort
    int port;

    @Test
    void shouldCountAFunnelOnceEachThroughThePipelineAndShowItInTheRestApi() {
        Recipient r = deliveredMessage();
        String address = address();

        post(address, MediaType.TEXT_PLAIN, beacon(r.token(), "viewed", "view-0001")).expectStatus().isOk()
                .expectBody().jsonPath("$.accepted").isEqualTo(1).jsonPath("$.optOut").isEqualTo(false);
        post(address, MediaType.TEXT_PLAIN, beacon(r.token(), "viewed", "view-0002")).expectStatus().isOk();
        post(address, MediaType.APPLICATION_JSON, beacon(r.token(), "started", "start-001")).expectStatus().isOk();
        post(address, MediaType.APPLICATION_JSON, "{\"token\":\"" + r.token() + "\",\"type\":\"progress\","
                + "\"id\":\"progress-1\",\"question\":0,\"client\":{\"lang\":\"en-GB\",\"secret\":\"dropped\"}}")
                .expectStatus().isOk();
        post(address, MediaType.TEXT_PLAIN, beacon(r.token(), "completed", "complete-1")).expectStatus().isOk();

        assertEventually("the funnel in the rollups", () -> assertThat(funnel(r))
                .containsExactly("sent 1", "delivered 1", "viewed 1", "started 1", "completed 1"));
        JsonNode total = overview(r);
        assertStepCounts(total, "viewed", 1, 2);
        assertStepCounts(total, "started", 1, 1);
        assertStepCounts(total, "completed", 1, 1);
        assertThat(total.at("/responseTime/count").asLong()).isEqualTo(1);
        assertThat(total.at("/responseTime/meanMs").asLong()).isPositive();
        assertThat(stored(r.tenant())).hasSize(5)
                .anySatisfy(row -> assertThat(row).startsWith("progress").contains("\"lang\": \"en-GB\"")
                        .doesNotContain("secret").contains("Chrome/131"));
    }

    @Test
    void shouldAnswerAReplayedEventAsADuplicateAndCountItOnce() {
        Recipient r = deliveredMessage();
        String body = beacon(r.token(), "viewed", "replayed-view");

        post(address(), MediaType.TEXT_PLAIN, body).expectStatus().isOk().expectBody()
                .jsonPath("$.accepted").isEqualTo(1);
        post(address(), MediaType.TEXT_PLAIN, body).expectStatus().isOk().expectBody()
                .jsonPath("$.accepted").isEqualTo(0).jsonPath("$.duplicates").isEqualTo(1);
        // Appended twice anyway (another instance, an evicted cache): stored and counted once.
        post(address(), MediaType.TEXT_PLAIN, beacon(r.token(), "started", "start-after")).expectStatus().isOk();

        assertEventually("the start counted", () -> assertStepCounts(overview(r), "started", 1, 1));
        assertStepCounts(overview(r), "viewed", 1, 1);
        assertThat(stored(r.tenant())).hasSize(2);
    }

    @Test
    void shouldRefuseForgedAndExpiredTokensWith401AndStoreNothing() {
        Recipient r = deliveredMessage();
        String forged = r.token().substring(0, r.token().length() - 2) + (r.token().endsWith("A") ? "BB" : "AA");
        String otherKey = new io.funnelstream.engine.tracking.TrackingTokens("other",
                java.util.Map.of("other", new byte[32]), java.time.Duration.ofDays(1), java.time.Clock.systemUTC())
                .mint(r.tenant(), r.messageId(), null, null, null);
        String expired = tokens.mint(new TrackingClaims(r.tenant(), r.messageId(), r.recipientId(), null, null,
                Instant.now().minusSeconds(60)));

        problem(post(address(), MediaType.TEXT_PLAIN, beacon(forged, "viewed", "forged-01")), 401,
                "tracking-invalid-token");
        problem(post(address(), MediaType.TEXT_PLAIN, beacon(otherKey, "viewed", "forged-02")), 401,
                "tracking-invalid-token");
        problem(post(address(), MediaType.TEXT_PLAIN, beacon("ft1.nope", "viewed", "forged-03")), 401,
                "tracking-invalid-token");
        problem(post(address(), MediaType.TEXT_PLAIN, beacon(expired, "viewed", "expired-1")), 401,
                "tracking-token-expired");

        assertThat(stored(r.tenant())).isEmpty();
    }

    @Test
    void shouldRefuseMalformedBodiesWithProblemsAndStoreNothing() {
        Recipient r = deliveredMessage();
        String address = address();

        problem(post(address, MediaType.TEXT_PLAIN, "not json"), 400, "tracking-malformed-event");
        problem(post(address, MediaType.TEXT_PLAIN, "[1,2]"), 400, "tracking-malformed-event");
        problem(post(address, MediaType.TEXT_PLAIN, beacon(r.token(), "clicked", "unknown-type")), 400,
                "tracking-malformed-event");
        problem(post(address, MediaType.TEXT_PLAIN, beacon(r.token(), "viewed", "short")), 400,
                "tracking-malformed-event");
        problem(post(address, MediaType.TEXT_PLAIN, beacon(r.token(), "progress", "no-question")), 400,
                "tracking-malformed-event");
        problem(post(address, MediaType.TEXT_PLAIN, ""), 400, "tracking-malformed-event");
        problem(post(address, MediaType.APPLICATION_XML, beacon(r.token(), "viewed", "xml-body-1")), 415,
                "tracking-unsupported-media-type");
        problem(post(address, MediaType.TEXT_PLAIN, "{\"token\":\"" + "x".repeat(9000) + "\"}"), 413,
                "content-too-large");

        assertThat(stored(r.tenant())).isEmpty();
    }

    @Test
    void shouldLimitEventsPerTokenAndPerAddressWith429() {
        Recipient r = deliveredMessage();
        for (int i = 0; i < 5; i++) {
            post(address(), MediaType.TEXT_PLAIN, beacon(r.token(), "viewed", "limited-" + i)).expectStatus().isOk();
        }
        problem(post(address(), MediaType.TEXT_PLAIN, beacon(r.token(), "viewed", "limited-5")), 429,
                "tracking-rate-limited-token").expectHeader().exists(HttpHeaders.RETRY_AFTER);

        Recipient other = deliveredMessage();
        String address = address();
        for (int i = 0; i < 20; i++) {
            post(address, MediaType.TEXT_PLAIN, "garbage").expectStatus().isBadRequest();
        }
        problem(post(address, MediaType.TEXT_PLAIN, beacon(other.token(), "viewed", "addr-limited")), 429,
                "tracking-rate-limited-address").expectHeader().exists(HttpHeaders.RETRY_AFTER);
        assertThat(stored(other.tenant())).isEmpty();
    }

    @Test
    void shouldAnswerCorsPreflightsAndTagAnswersWithTheAllowedOrigin() {
        client.options().uri(TrackingController.EVENTS)
                .header(HttpHeaders.ORIGIN, "https://surveys.example.com")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
                .exchange()
                .expectStatus().isNoContent()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS")
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type")
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "86400");
        Recipient r = deliveredMessage();
        client.post().uri(TrackingController.EVENTS)
                .header(HttpHeaders.ORIGIN, "https://surveys.example.com")
                .header("X-Forwarded-For", address())
                .header(HttpHeaders.USER_AGENT, BROWSER)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue(beacon(r.token(), "viewed", "cors-view-1"))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    }

    @Test
    void shouldAnswerBeaconsTakenStraightFromTheServerLikeThoseThroughTheChain() {
        // The plain path is served by DirectTrackingRoute; a percent-encoded one goes down the handler chain.
        Recipient r = deliveredMessage();
        EntityExchangeResult<byte[]> direct = refused(URI.create("http://localhost:" + port + "/api/tracking/events"));
        EntityExchangeResult<byte[]> chained = refused(URI.create("http://localhost:" + port + "/api/tracking/%65vents"));

        for (EntityExchangeResult<byte[]> result : List.of(direct, chained)) {
            assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(new String(result.getResponseBodyContent(), StandardCharsets.UTF_8))
                    .contains("\"type\":\"https://funnelstream.io/problems/tracking-malformed-event\"");
        }
        assertThat(new String(direct.getResponseBodyContent(), StandardCharsets.UTF_8))
                .contains("\"instance\":\"/api/tracking/events\"");
        for (String name : List.of(HttpHeaders.CACHE_CONTROL, HttpHeaders.PRAGMA, HttpHeaders.EXPIRES,
                "X-Content-Type-Options", "X-Frame-Options", "X-XSS-Protection", "Referrer-Policy",
                HttpHeaders.VARY, HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS)) {
            assertThat(chained.getResponseHeaders().get(name)).as(name).isNotEmpty();
            assertThat(direct.getResponseHeaders().get(name)).as(name).isEqualTo(chained.getResponseHeaders().get(name));
        }
        assertThat(stored(r.tenant())).isEmpty();
    }

    private EntityExchangeResult<byte[]> refused(URI uri) {
        return client.post().uri(uri)
                .header(HttpHeaders.ORIGIN, "https://surveys.example.com")
                .header("X-Forwarded-For", address())
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("not json")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().returnResult();
    }

    @Test
    void shouldStoreScannerAndPrefetchViewsAsBotsAndCountNoneOfThem() {
        Recipient r = deliveredMessage();
        client.post().uri(TrackingController.EVENTS).header("X-Forwarded-For", address())
                .header(HttpHeaders.USER_AGENT, "Mozilla/5.0 (compatible; Barracuda Sentinel)")
                .contentType(MediaType.TEXT_PLAIN).bodyValue(beacon(r.token(), "viewed", "scanner-01"))
                .exchange().expectStatus().isOk();
        client.post().uri(TrackingController.EVENTS).header("X-Forwarded-For", address())
                .header(HttpHeaders.USER_AGENT, BROWSER).header("Sec-Purpose", "prefetch")
                .contentType(MediaType.TEXT_PLAIN).bodyValue(beacon(r.token(), "viewed", "prefetch-1"))
                .exchange().expectStatus().isOk();
        post(address(), MediaType.TEXT_PLAIN, beacon(r.token(), "started", "person-start")).expectStatus().isOk();

        assertEventually("the person's start counted", () -> assertStepCounts(overview(r), "started", 1, 1));
        assertStepCounts(overview(r), "viewed", 0, 0);
        assertThat(stored(r.tenant())).hasSize(3).filteredOn(row -> row.startsWith("viewed bot")).hasSize(2)
                .anySatisfy(row -> assertThat(row).contains("\"scanner\": \"barracuda\""))
                .anySatisfy(row -> assertThat(row).contains("\"scanner\": \"prefetch\""));
    }

    @Test
    void shouldRecordOnlyTheCompletionWithoutDeviceDataForAnOptedOutVisitor() {
        Recipient r = deliveredMessage();
        client.post().uri(TrackingController.EVENTS).header("X-Forwarded-For", address())
                .header(HttpHeaders.USER_AGENT, BROWSER).header("Sec-GPC", "1")
                .contentType(MediaType.TEXT_PLAIN).bodyValue(beacon(r.token(), "viewed", "gpc-view-1"))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.accepted").isEqualTo(0).jsonPath("$.optOut").isEqualTo(true);
        post(address(), MediaType.TEXT_PLAIN, "{\"token\":\"" + r.token() + "\",\"type\":\"completed\","
                + "\"id\":\"optout-done\",\"optOut\":true,\"client\":{\"lang\":\"fr\"}}").expectStatus().isOk()
                .expectBody().jsonPath("$.accepted").isEqualTo(1).jsonPath("$.optOut").isEqualTo(true);

        assertEventually("the completion counted", () -> assertStepCounts(overview(r), "completed", 1, 1));
        assertThat(stored(r.tenant())).containsExactly("completed {}");
    }

    @Test
    void shouldHonourARecipientsRecordedOptOut() {
        Recipient r = deliveredMessage();
        UUID recipient = transactions.inTenant(r.tenant(), c -> reactor.core.publisher.Flux.from(c.createStatement(
                        "insert into recipients (tenant_id, email, opted_out_at) values ($1, 'out@example.com', now())"
                                + " returning id").bind(0, r.tenant().value()).execute())
                        .concatMap(result -> result.map((row, meta) -> row.get("id", UUID.class))))
                .single().block(WAIT);
        String token = tokens.mint(r.tenant(), r.messageId(), recipient, null, null);

        post(address(), MediaType.TEXT_PLAIN, beacon(token, "viewed", "rec-opt-view")).expectStatus().isOk()
                .expectBody().jsonPath("$.accepted").isEqualTo(0).jsonPath("$.optOut").isEqualTo(true);
        post(address(), MediaType.TEXT_PLAIN, beacon(token, "completed", "rec-opt-done")).expectStatus().isOk()
                .expectBody().jsonPath("$.accepted").isEqualTo(1).jsonPath("$.optOut").isEqualTo(true);

        assertEventually("the completion counted", () -> assertStepCounts(overview(r), "completed", 1, 1));
        assertThat(stored(r.tenant())).containsExactly("completed {}");
    }

    @Test
    void shouldConcludeAbandonmentAfterInactivityAndUndoItOnCompletion() {
        Recipient r = deliveredMessage();
        post(address(), MediaType.TEXT_PLAIN, beacon(r.token(), "started", "abandon-start")).expectStatus().isOk();

        assertEventually("the abandonment concluded by the engine",
                () -> assertStepCounts(overview(r), "abandoned", 1, 1));
        post(address(), MediaType.TEXT_PLAIN, beacon(r.token(), "completed", "late-complete")).expectStatus().isOk();

        assertEventually("the completion counted and the abandonment undone", () -> {
            JsonNode total = overview(r);
            assertStepCounts(total, "completed", 1, 1);
            assertStepCounts(total, "abandoned", 0, 1);
        });
    }

    @Test
    void shouldServeTheTrackerCacheableWithAnEtag() {
        String etag = client.get().uri(TrackingController.SCRIPT).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/javascript")
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, v -> assertThat(v).contains("max-age=3600")
                        .contains("public"))
                .expectBody(String.class).value(js -> assertThat(js).contains("sendBeacon").contains("pagehide"))
                .returnResult().getResponseHeaders().getETag();
        client.get().uri(TrackingController.SCRIPT).header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
                .expectStatus().isNotModified();
    }

    private WebTestClient.ResponseSpec post(String address, MediaType type, String body) {
        return client.post().uri(TrackingController.EVENTS)
                .header("X-Forwarded-For", address)
                .header(HttpHeaders.USER_AGENT, BROWSER)
                .contentType(type)
                .bodyValue(body)
                .exchange();
    }

    private static WebTestClient.ResponseSpec problem(WebTestClient.ResponseSpec response, int status, String slug) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://funnelstream.io/problems/" + slug);
        return response;
    }

    private static String address() {
        return "198.51.100." + (1 + (UUID.randomUUID().hashCode() & 0x7f)) + "." + UUID.randomUUID();
    }
}
