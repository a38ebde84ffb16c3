package io.funnelstream.api.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Role;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.MessageRegistry;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.engine.tracking.TrackingTokens;
import io.funnelstream.infra.postgres.TenantTransactions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One application context for the tracking integration tests: the embedded default with its running pipeline, a
 * per-token limit of 5 events at once (refilled slowly, so the sixth is refused whatever the machine's speed), and
 * client addresses taken from {@code X-Forwarded-For}, so each test has an address, and a bucket, of its own. Each
 * test makes its own tenant and message.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "funnelstream.tracking.per-token.capacity=5",
            "funnelstream.tracking.per-token.per-second=0.001",
            "funnelstream.tracking.per-address.capacity=20",
            "funnelstream.tracking.per-address.per-second=0.001",
            "funnelstream.tracking.trust-forwarded-for=true",
            "funnelstream.tracking.abandonment-timeout=5s",
            "funnelstream.tracking.allowed-origins=*"
        })
@AutoConfigureWebTestClient
abstract class TrackingIntegrationTestSupport {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient client;

    @Autowired
    TenantDirectory directory;

    @Autowired
    MessageRegistry registry;

    @Autowired
    EventLog eventLog;

    @Autowired
    TrackingTokens tokens;

    @Autowired
    TenantTransactions transactions;

    @LocalServerPort
    int port;

    /** A tenant with a viewer key and one delivered SMS message, as a survey link would be minted for it. */
    record Recipient(TenantId tenant, String viewerKey, UUID messageId, UUID recipientId, String token,
            Instant deliveredAt) {}

    Recipient deliveredMessage() {
        TenantId tenant = directory.createTenant("trk-" + UUID.randomUUID().toString().substring(0, 8), "Tracking")
                .block(WAIT).id();
        String viewer = directory.createApiKey(tenant, "viewer", Role.VIEWER).block(WAIT).plaintext();
        return deliveredMessage(tenant, viewer);
    }

    /** Another delivered message of the tenant, for another recipient. */
    Recipient deliveredMessage(TenantId tenant, String viewer) {
        Instant queuedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        UUID id = UUID.randomUUID();
        registry.queue(new LogRecord.MessageQueued(tenant, id, Channel.SMS, Provider.TWILIO, "SM-" + id, null, null,
                null, queuedAt)).block(WAIT);
        Instant delivered = queuedAt.plusSeconds(5);
        eventLog.append(List.of(LogRecord.of(new MessageEvent(tenant, Channel.SMS, Provider.TWILIO, "SM-delivered-" + id,
                "SM-" + id, null, EventType.DELIVERED, delivered, delivered, null, null, null, null, null, false,
                "delivered")))).block(WAIT);
        await("the message in Postgres", () -> registry.find(tenant, id).blockOptional(WAIT).isPresent());
        UUID recipient = UUID.randomUUID();
        return new Recipient(tenant, viewer, id, recipient, tokens.mint(tenant, id, recipient, null, null), delivered);
    }

    /** The funnel through the REST API: name and count of each step. */
    List<String> funnel(Recipient r) {
        JsonNode body = get(r, "/api/analytics/delivery/funnel");
        List<String> out = new ArrayList<>();
        body.at("/steps").forEach(s -> out.add(s.at("/name").asString() + " " + s.at("/count").asLong()));
        return out;
    }

    /** The survey counts of the overview through the REST API ({@code recipients} and {@code events} per step). */
    JsonNode overview(Recipient r) {
        return get(r, "/api/analytics/delivery/overview").at("/total");
    }

    private JsonNode get(Recipient r, String uri) {
        String body = client.get().uri(uri).header("X-API-Key", r.viewerKey()).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    /** Rows of {@code survey_events} of the tenant, as "type bot" lines. */
    List<String> stored(TenantId tenant) {
        return transactions.inTenant(tenant, c -> reactor.core.publisher.Flux.from(c.createStatement(
                                "select type, is_bot, client::text as client from survey_events order by id")
                        .execute())
                .concatMap(result -> result.map((row, meta) -> row.get("type", String.class)
                        + (Boolean.TRUE.equals(row.get("is_bot", Boolean.class)) ? " bot" : "")
                        + " " + row.get("client", String.class))))
                .collectList().block(WAIT);
    }

    static String beacon(String token, String type, String id) {
        return "{\"token\":\"" + token + "\",\"type\":\"" + type + "\",\"id\":\"" + id + "\"}";
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    static void assertEventually(String what, Runnable assertion) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out waiting for " + what + ": " + e.getMessage(), e);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    static void assertStepCounts(JsonNode total, String step, long recipients, long events) {
        assertThat(total.at("/counts/survey/" + step + "/recipients").asLong()).as(step + " recipients")
                .isEqualTo(recipients);
        assertThat(total.at("/counts/survey/" + step + "/events").asLong()).as(step + " events").isEqualTo(events);
    }
}
