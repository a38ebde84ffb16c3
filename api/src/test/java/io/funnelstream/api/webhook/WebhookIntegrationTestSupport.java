package io.funnelstream.api.webhook;

import io.funnelstream.api.error.Problems;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Role;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.model.TenantRecord;
import io.funnelstream.engine.normalize.Normalized;
import io.funnelstream.engine.normalize.Normalizers;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.engine.webhook.Verification;
import io.funnelstream.engine.webhook.WebhookHeaders;
import io.funnelstream.engine.webhook.WebhookRequest;
import io.funnelstream.engine.webhook.WebhookSettings;
import io.funnelstream.infra.eventlog.LogRecordCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * One application context for every webhook integration test class (same configuration, so Spring's test context
 * cache shares it): the embedded default with its own throwaway Postgres as the event log, a public base URL, a
 * clock at the samples' time, an event log that can be broken, SNS served by WireMock. Each test makes its own
 * tenant, so classes and tests do not see each other's events.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "funnelstream.webhooks.public-base-url=" + WebhookIntegrationTestSupport.PUBLIC_BASE_URL,
            "funnelstream.webhooks.append-timeout=2s",
            "funnelstream.webhooks.retry-after=30s"
        })
@AutoConfigureWebTestClient
@Import(WebhookTestConfiguration.class)
abstract class WebhookIntegrationTestSupport {

    static final String PUBLIC_BASE_URL = "https://hooks.example.com";
    static final Duration WAIT = Duration.ofSeconds(15);
    private static final LogRecordCodec CODEC = new LogRecordCodec();

    @Autowired
    WebTestClient client;

    @Autowired
    TenantDirectory directory;

    @Autowired
    ConnectionFactory connections;

    @Autowired
    TestClock clock;

    @Autowired
    SwitchableEventLog eventLog;

    @Autowired
    MeterRegistry meters;

    @Autowired
    WebhookSettings settings;

    @LocalServerPort
    int port;

    /** A tenant with its webhook key and an API key per role. */
    record Tenant(TenantRecord record, String adminKey, String analystKey, String viewerKey) {

        TenantId id() {
            return record.id();
        }

        String path(String provider) {
            return "/webhooks/" + provider + "/" + record.webhookKey();
        }

        /** The URL the provider is configured with, which Twilio signs. */
        String publicUrl(String provider) {
            return PUBLIC_BASE_URL + path(provider);
        }
    }

    @BeforeEach
    void resetSharedState() {
        clock.set(TestClock.SAMPLE_TIME);
        eventLog.set(SwitchableEventLog.Mode.WORKING);
        client = client.mutate().responseTimeout(WAIT).build();
    }

    Tenant newTenant() {
        String slug = "wh-" + UUID.randomUUID().toString().substring(0, 12);
        TenantRecord record = await(directory.createTenant(slug, "Webhook tests " + slug));
        return new Tenant(record,
                await(directory.createApiKey(record.id(), "admin", Role.ADMIN)).plaintext(),
                await(directory.createApiKey(record.id(), "analyst", Role.ANALYST)).plaintext(),
                await(directory.createApiKey(record.id(), "viewer", Role.VIEWER)).plaintext());
    }

    /** Sets the tenant's secrets for a provider through the admin API. */
    void configure(Tenant tenant, String provider, Map<String, Object> secrets) {
        client.put().uri("/api/admin/providers/{provider}/credentials", provider)
                .header("X-API-Key", tenant.adminKey())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(secrets)
                .exchange()
                .expectStatus().isOk();
    }

    /** The tenant's events in the event log, in log order. */
    List<MessageEvent> logged(TenantId tenant) {
        return await(Flux.usingWhen(
                        connections.create(),
                        c -> Flux.from(c.createStatement(
                                                "select kind, payload from event_log where tenant_id = $1 order by seq")
                                        .bind(0, tenant.value())
                                        .execute())
                                .concatMap(result -> result.map((row, meta) -> CODEC.decode(
                                        Objects.requireNonNull(row.get("kind", String.class)),
                                        bytes(Objects.requireNonNull(row.get("payload", ByteBuffer.class)))))),
                        Connection::close)
                .map(record -> ((LogRecord.Message) record).event())
                .collectList());
    }

    /** What the engine makes of this request: the events the log must hold. */
    List<MessageEvent> normalized(Provider provider, TenantId tenant, String method, String url, String contentType,
            byte[] body) {
        WebhookRequest request = new WebhookRequest(provider, tenant, method, url,
                WebhookHeaders.of("Content-Type", contentType), body, clock.instant());
        Normalized result = Normalizers.forProvider(provider, settings).orElseThrow()
                .normalize(new Verification.Verified(request));
        return ((Normalized.Events) result).events();
    }

    /** The count of one {@code funnelstream.webhooks.requests} series, 0 before its first increment. */
    double requests(String provider, String outcome, String reason) {
        Counter counter = meters.find(WebhookMetrics.REQUESTS)
                .tags("provider", provider, "outcome", outcome, "reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    static void expectProblem(WebTestClient.ResponseSpec response, int status, String slug) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(Problems.TYPE_PREFIX + slug)
                .jsonPath("$.status").isEqualTo(status);
    }

    static void expectAccepted(WebTestClient.ResponseSpec response, int accepted, int duplicates) {
        response.expectStatus().isOk()
                .expectBody()
                .jsonPath("$.accepted").isEqualTo(accepted)
                .jsonPath("$.duplicates").isEqualTo(duplicates);
    }

    static byte[] sample(String name) {
        try (InputStream in = WebhookIntegrationTestSupport.class.getResourceAsStream("/webhook-samples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T await(Mono<T> mono) {
        AtomicReference<T> result = new AtomicReference<>();
        StepVerifier.create(mono).consumeNextWith(result::set).expectComplete().verify(WAIT);
        return result.get();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
