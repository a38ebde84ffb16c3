package io.funnelstream.api.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Role;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantId;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
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

/** The stream end to end over HTTP: tokens, snapshot, deltas, resume, isolation, revocation, fan-out. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "funnelstream.stream.coalesce=100ms",
            "funnelstream.stream.heartbeat=700ms",
            "funnelstream.stream.revocation-check=300ms",
            "funnelstream.stream.retry=2s"
        })
@AutoConfigureWebTestClient
class LiveStreamIntegrationTests {

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

    @Autowired
    StreamMetrics metrics;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry registry;

    TenantId tenant;
    UUID keyId;
    String apiKey;

    @BeforeEach
    void tenant() {
        client = client.mutate().responseTimeout(TIMEOUT).build();
        var record = directory.createTenant("t" + UUID.randomUUID().toString().substring(0, 8), "T").block(TIMEOUT);
        tenant = record.id();
        var issued = directory.createApiKey(tenant, "dash", Role.VIEWER).block(TIMEOUT);
        keyId = issued.key().id();
        apiKey = issued.plaintext();
    }

    /** Counts {@code sent} sent and {@code delivered} delivered messages now, then announces the change. */
    void change(TenantId tenant, long sent, long delivered) {
        RollupDelta.Builder delta = RollupDelta.builder();
        for (Scope scope : List.of(Scope.all(), Scope.channel(Channel.EMAIL))) {
            for (BucketSize size : List.of(BucketSize.DAY, BucketSize.HOUR)) {
                RollupKey key = RollupKey.containing(tenant, scope, size, clock.instant());
                delta.add(key, Counter.reached(Stage.SENT), sent).add(key, Counter.reached(Stage.DELIVERED), delivered);
            }
        }
        long offset = OFFSETS.incrementAndGet();
        store.apply(tenant, new WindowId("p0", offset, offset), delta.build()).block(TIMEOUT);
        feed.publish(new RollupsChanged(tenant, Set.of(Scope.all(), Scope.channel(Channel.EMAIL)))).block(TIMEOUT);
    }

    String token(String apiKey) {
        return client.post().uri("/api/stream-tokens").header("X-API-Key", apiKey).exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Set-Cookie", "fs_stream_token=fst1\\..*HttpOnly.*")
                .expectBody(Map.class).returnResult().getResponseBody().get("token").toString();
    }

    Flux<ServerSentEvent<Map<String, Object>>> stream(String scope, String token, @Nullable String lastEventId) {
        return client.get().uri(b -> b.path("/api/analytics/stream").queryParam("scope", scope)
                        .queryParam("token", token).build())
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> {
                    if (lastEventId != null) {
                        h.set("Last-Event-ID", lastEventId);
                    }
                })
                .exchange()
                .expectStatus().isOk()
                .returnResult(SSE)
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    static long count(ServerSentEvent<Map<String, Object>> event, String range, Stage stage) {
        Map<String, Object> ranges = (Map<String, Object>) event.data().get("ranges");
        Map<String, Object> counts = (Map<String, Object>) ((Map<String, Object>) ranges.get(range)).get("counts");
        Object value = counts.get(Counter.reached(stage));
        return value == null ? 0 : ((Number) value).longValue();
    }

    static Flux<ServerSentEvent<Map<String, Object>>> dataOnly(Flux<ServerSentEvent<Map<String, Object>>> events) {
        return events.filter(e -> e.event() != null);
    }

    @Test
    void shouldStreamASnapshotWithRetryThenAbsoluteDeltas() {
        change(tenant, 10, 9);
        String token = token(apiKey);
        StepVerifier.create(dataOnly(stream("overview", token, null)))
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("snapshot");
                    assertThat(event.retry()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(event.id()).matches("\\d+");
                    assertThat(event.data()).containsEntry("scope", "overview");
                    assertThat(count(event, "today", Stage.SENT)).isEqualTo(10);
                    assertThat(count(event, "last24h", Stage.DELIVERED)).isEqualTo(9);
                    assertThat(event.data().get("ranges").toString()).contains("deliveryRate");
                })
                .then(() -> change(tenant, 5, 1))
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("delta");
                    assertThat(event.retry()).isNull();
                    assertThat(count(event, "today", Stage.SENT)).isEqualTo(15);
                    assertThat(count(event, "today", Stage.DELIVERED)).isEqualTo(10);
                    assertThat(event.data().get("changed").toString()).contains("stage.sent");
                })
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void shouldStreamAChannelScopeAndSendHeartbeatComments() {
        String token = token(apiKey);
        StepVerifier.create(stream("channel:email", token, null))
                .assertNext(event -> assertThat(event.data()).containsEntry("scope", "channel:email"))
                .assertNext(event -> assertThat(event.comment()).isEqualTo("heartbeat"))
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void shouldResumeFromTheRingAndFallBackToASnapshotForAnUnknownId() {
        String token = token(apiKey);
        List<String> ids = new java.util.ArrayList<>();
        StepVerifier.create(dataOnly(stream("overview", token, null)))
                .consumeNextWith(event -> ids.add(event.id()))
                .then(() -> change(tenant, 1, 0))
                .consumeNextWith(event -> ids.add(event.id()))
                .then(() -> change(tenant, 1, 0))
                .consumeNextWith(event -> ids.add(event.id()))
                .thenCancel()
                .verify(TIMEOUT);
        long snapshotId = Long.parseLong(ids.getFirst());
        assertThat(ids.get(2)).isEqualTo(Long.toString(snapshotId + 2));
        StepVerifier.create(dataOnly(stream("overview", token, Long.toString(snapshotId))))
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("delta");
                    assertThat(event.id()).isEqualTo(Long.toString(snapshotId + 1));
                    assertThat(count(event, "today", Stage.SENT)).isEqualTo(1);
                })
                .assertNext(event -> assertThat(event.id()).isEqualTo(Long.toString(snapshotId + 2)))
                .thenCancel()
                .verify(TIMEOUT);
        StepVerifier.create(dataOnly(stream("overview", token, "17")))
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("snapshot");
                    assertThat(count(event, "today", Stage.SENT)).isEqualTo(2);
                })
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void shouldResumeByTheLastEventIdQueryParameterOfANewConnection() {
        String token = token(apiKey);
        List<String> ids = new java.util.ArrayList<>();
        StepVerifier.create(dataOnly(stream("overview", token, null)))
                .consumeNextWith(event -> ids.add(event.id()))
                .then(() -> change(tenant, 1, 0))
                .consumeNextWith(event -> ids.add(event.id()))
                .thenCancel()
                .verify(TIMEOUT);
        long snapshotId = Long.parseLong(ids.getFirst());
        Flux<ServerSentEvent<Map<String, Object>>> resumed = client.get()
                .uri(b -> b.path("/api/analytics/stream").queryParam("scope", "overview")
                        .queryParam("token", token(apiKey)).queryParam("lastEventId", snapshotId).build())
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .returnResult(SSE)
                .getResponseBody();
        StepVerifier.create(dataOnly(resumed))
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("delta");
                    assertThat(event.id()).isEqualTo(Long.toString(snapshotId + 1));
                })
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void shouldNeverShowAnotherTenantsNumbers() {
        var other = directory.createTenant("o" + UUID.randomUUID().toString().substring(0, 8), "O").block(TIMEOUT);
        String otherKey = directory.createApiKey(other.id(), "dash", Role.VIEWER).block(TIMEOUT).plaintext();
        change(tenant, 100, 100);
        change(other.id(), 3, 2);
        StepVerifier.create(dataOnly(stream("overview", token(otherKey), null)))
                .assertNext(event -> assertThat(count(event, "today", Stage.SENT)).isEqualTo(3))
                .then(() -> {
                    change(tenant, 50, 50);
                    change(other.id(), 1, 1);
                })
                .assertNext(event -> {
                    assertThat(count(event, "today", Stage.SENT)).isEqualTo(4);
                    assertThat(count(event, "today", Stage.DELIVERED)).isEqualTo(3);
                })
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void shouldAcceptTheTokenAsACookie() {
        String token = token(apiKey);
        Flux<ServerSentEvent<Map<String, Object>>> events = client.get().uri("/api/analytics/stream?scope=overview")
                .cookie("fs_stream_token", token)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .returnResult(SSE).getResponseBody();
        StepVerifier.create(events.take(1))
                .assertNext(event -> assertThat(event.event()).isEqualTo("snapshot"))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void shouldRefuseMissingAndForgedTokensAsProblems() {
        client.get().uri("/api/analytics/stream?scope=overview").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "stream-token-required");
        String token = token(apiKey);
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BA" : "AA");
        client.get().uri("/api/analytics/stream?scope=overview&token=" + forged).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "invalid-stream-token");
        client.post().uri("/api/stream-tokens").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void shouldAnswerBadScopesAndExperimentsWithProblems() {
        String token = token(apiKey);
        client.get().uri("/api/analytics/stream?scope=galaxy&token=" + token).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "invalid-scope");
        client.get().uri("/api/analytics/stream?scope=experiment:" + UUID.randomUUID() + "&token=" + token).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "experiment-not-found");
    }

    @Test
    void shouldRefuseATokenOfARevokedKeyAndCloseItsOpenStreams() {
        String token = token(apiKey);
        StepVerifier.create(dataOnly(stream("overview", token, null)))
                .expectNextCount(1)
                .then(() -> directory.revokeApiKey(tenant, keyId).block(TIMEOUT))
                .expectComplete()
                .verify(TIMEOUT);
        client.get().uri("/api/analytics/stream?scope=overview&token=" + token).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").isEqualTo("The API key this token was issued to has been revoked.");
    }

    @Test
    void shouldDeliverOneUpdateToEachOfOverAHundredConnections() {
        String token = token(apiKey);
        int connections = 120;
        AtomicInteger snapshots = new AtomicInteger();
        Flux<Long> updated = Flux.range(0, connections)
                .flatMap(i -> dataOnly(stream("overview", token, null))
                        .doOnNext(e -> {
                            if ("snapshot".equals(e.event())) {
                                snapshots.incrementAndGet();
                            }
                        })
                        .filter(e -> count(e, "today", Stage.SENT) == 7)
                        .take(1)
                        .map(e -> count(e, "today", Stage.SENT)), connections);
        StepVerifier.create(updated)
                .then(() -> {
                    long deadline = System.nanoTime() + TIMEOUT.toNanos();
                    while (snapshots.get() < connections && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    assertThat(snapshots.get()).isEqualTo(connections);
                    change(tenant, 7, 0);
                })
                .expectNextCount(connections)
                .expectComplete()
                .verify(TIMEOUT);
    }

    double meter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void shouldCountConnectionsEventsAndReconnects() {
        String token = token(apiKey);
        double sent = meter("funnelstream.stream.events.sent", "kind", "snapshot");
        double resumed = meter("funnelstream.stream.reconnects", "source", "snapshot");
        StepVerifier.create(dataOnly(stream("overview", token, "1")))
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("snapshot");
                    double open = registry.get("funnelstream.stream.connections").gauge().value();
                    assertThat(open).isGreaterThanOrEqualTo(1);
                })
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(meter("funnelstream.stream.events.sent", "kind", "snapshot")).isEqualTo(sent + 1);
        assertThat(meter("funnelstream.stream.reconnects", "source", "snapshot")).isEqualTo(resumed + 1);
        assertThat(registry.get("funnelstream.stream.updates").counter().count()).isPositive();
    }
}
