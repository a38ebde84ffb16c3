package io.funnelstream.api.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Role;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.model.TenantRecord;
import io.funnelstream.engine.port.RollupChangeFeed;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.port.RollupsChanged;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.Counter;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupKey;
import io.funnelstream.engine.rollup.Scope;
import io.funnelstream.engine.rollup.WindowId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
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

/** Alerts end to end: rules set by an admin, alert events on the stream, the alerts endpoint, webhook failures. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "funnelstream.stream.coalesce=50ms",
            "funnelstream.alerts.flush-interval=100ms"
        })
@AutoConfigureWebTestClient
class AlertsIntegrationTests {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String PROBLEMS = "https://funnelstream.io/problems/";
    static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE =
            new ParameterizedTypeReference<>() {};
    static final AtomicLong OFFSETS = new AtomicLong();

    @Autowired
    WebTestClient client;

    @Autowired
    TenantDirectory directory;

    @Autowired
    RollupStore store;

    @Autowired
    RollupChangeFeed feed;

    @Autowired
    Clock clock;

    TenantRecord tenant;
    String admin;
    String viewer;

    @BeforeEach
    void tenant() {
        client = client.mutate().responseTimeout(TIMEOUT).build();
        tenant = directory.createTenant("a" + UUID.randomUUID().toString().substring(0, 8), "A").block(TIMEOUT);
        admin = directory.createApiKey(tenant.id(), "ops", Role.ADMIN).block(TIMEOUT).plaintext();
        viewer = directory.createApiKey(tenant.id(), "dash", Role.VIEWER).block(TIMEOUT).plaintext();
    }

    /** Counts messages sent, delivered and bounced now, for the whole tenant, then announces the change. */
    void change(TenantId tenant, long sent, long delivered, long bounced) {
        RollupDelta.Builder delta = RollupDelta.builder();
        for (BucketSize size : List.of(BucketSize.DAY, BucketSize.HOUR)) {
            RollupKey key = RollupKey.containing(tenant, Scope.all(), size, clock.instant());
            delta.add(key, Counter.reached(Stage.SENT), sent)
                    .add(key, Counter.reached(Stage.DELIVERED), delivered)
                    .add(key, Counter.reached(Stage.BOUNCED), bounced);
        }
        long offset = OFFSETS.incrementAndGet();
        store.apply(tenant, new WindowId("alerts", offset, offset), delta.build()).block(TIMEOUT);
        feed.publish(new RollupsChanged(tenant, Set.of(Scope.all()))).block(TIMEOUT);
    }

    WebTestClient.ResponseSpec putRule(String key, String kind, String json) {
        return client.put().uri("/api/admin/alert-rules/" + kind).header("X-API-Key", key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    Flux<ServerSentEvent<Map<String, Object>>> overview() {
        String token = client.post().uri("/api/stream-tokens").header("X-API-Key", viewer).exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("token").toString();
        return client.get().uri("/api/analytics/stream?scope=overview&token=" + token)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .returnResult(SSE)
                .getResponseBody()
                .filter(e -> e.event() != null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> rate(ServerSentEvent<Map<String, Object>> event) {
        return (Map<String, Object>) event.data().get("rate");
    }

    @Test
    void shouldStreamAnAlertWhenBouncesCrossTheTenantsThresholdAndResolveIt() {
        putRule(admin, "bounce-rate", "{\"minSample\": 50, \"clearAfter\": 1}").expectStatus().isOk()
                .expectBody().jsonPath("$.bounce-rate.minSample").isEqualTo(50)
                .jsonPath("$.bounce-rate.threshold").isEqualTo(0.05);
        change(tenant.id(), 100, 100, 8);
        StepVerifier.create(overview())
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("snapshot");
                    assertThat(event.data().get("alerts").toString()).contains("bounce-rate");
                })
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("alert");
                    assertThat(event.data()).containsEntry("kind", "bounce-rate").containsEntry("status", "firing")
                            .containsEntry("scope", "overview");
                    assertThat(rate(event)).containsEntry("numerator", 8).containsEntry("denominator", 100);
                })
                .then(() -> client.get().uri("/api/analytics/alerts").header("X-API-Key", viewer).exchange()
                        .expectStatus().isOk()
                        .expectBody()
                        .jsonPath("$.scope").isEqualTo("overview")
                        .jsonPath("$.alerts.length()").isEqualTo(1)
                        .jsonPath("$.alerts[0].kind").isEqualTo("bounce-rate")
                        .jsonPath("$.alerts[0].rule.minSample").isEqualTo(50))
                // 8 bounces of 400 sent: 2%, under 5% - 1%, and one good evaluation clears it.
                .then(() -> change(tenant.id(), 300, 300, 0))
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("delta");
                    assertThat(event.data().get("alerts")).isEqualTo(List.of());
                })
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("alert");
                    assertThat(event.data()).containsEntry("kind", "bounce-rate").containsEntry("status", "resolved");
                })
                .thenCancel()
                .verify(TIMEOUT);
        client.get().uri("/api/analytics/alerts?scope=overview").header("X-API-Key", viewer).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.alerts.length()").isEqualTo(0);
    }

    @Test
    void shouldFireTheWebhookFailureAlertFromRefusedWebhooks() {
        putRule(admin, "webhook-failure-rate", "{\"minSample\": 3}").expectStatus().isOk();
        StepVerifier.create(overview())
                .assertNext(event -> assertThat(event.event()).isEqualTo("snapshot"))
                .then(() -> {
                    for (int i = 0; i < 3; i++) {
                        client.post().uri("/webhooks/twilio/" + tenant.webhookKey())
                                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                                .bodyValue("MessageSid=SM1&MessageStatus=delivered")
                                .exchange()
                                .expectStatus().is4xxClientError();
                    }
                })
                .assertNext(event -> assertThat(event.event()).isEqualTo("delta"))
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("alert");
                    assertThat(event.data()).containsEntry("kind", "webhook-failure-rate")
                            .containsEntry("status", "firing");
                    assertThat(rate(event)).containsEntry("numerator", 3).containsEntry("denominator", 3);
                })
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void shouldLetAnAdminSetAndResetRulesAndRefuseWhatCannotBeUsed() {
        client.get().uri("/api/admin/alert-rules").header("X-API-Key", admin).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.bounce-rate.threshold").isEqualTo(0.05)
                .jsonPath("$.delivery-rate.threshold").isEqualTo(0.95)
                .jsonPath("$.delivery-rate.direction").isEqualTo("below")
                .jsonPath("$.webhook-failure-rate.threshold").isEqualTo(0.01);
        putRule(admin, "delivery-rate", "{\"threshold\": 0.9, \"margin\": 0.02, \"clearAfter\": 5}")
                .expectStatus().isOk();
        client.get().uri("/api/admin/alert-rules").header("X-API-Key", admin).exchange()
                .expectBody()
                .jsonPath("$.delivery-rate.threshold").isEqualTo(0.9)
                .jsonPath("$.delivery-rate.clearAfter").isEqualTo(5);
        putRule(admin, "delivery-rate", "{\"threshold\": 1.5, \"minSample\": 0.5, \"colour\": 1, \"margin\": \"x\"}")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "invalid-alert-rule")
                .jsonPath("$.errors.length()").isEqualTo(5);
        putRule(admin, "open-rate", "{}").expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "unknown-alert-kind");
        putRule(viewer, "delivery-rate", "{}").expectStatus().isForbidden();
        client.delete().uri("/api/admin/alert-rules/delivery-rate").header("X-API-Key", admin).exchange()
                .expectStatus().isNoContent();
        client.delete().uri("/api/admin/alert-rules/delivery-rate").header("X-API-Key", admin).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "alert-rule-not-set");
        client.get().uri("/api/analytics/alerts?scope=experiment:" + UUID.randomUUID())
                .header("X-API-Key", viewer).exchange()
                .expectStatus().isNotFound();
        client.get().uri("/api/analytics/alerts?scope=galaxy").header("X-API-Key", viewer).exchange()
                .expectStatus().isBadRequest();
    }
}
