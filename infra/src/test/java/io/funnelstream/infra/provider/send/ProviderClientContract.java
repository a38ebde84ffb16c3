package io.funnelstream.infra.provider.send;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.send.OutboundMessage;
import io.funnelstream.engine.send.ProviderClient;
import io.funnelstream.engine.send.SendOutcome;
import io.funnelstream.testkit.MutableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.test.StepVerifier;

/**
 * What every HTTP provider's client must do against WireMock, whatever the provider: retry 429 after its
 * {@code Retry-After}, ride out a burst of 5xx, give up on a slow answer, refuse an unreadable success without
 * retrying it, open its circuit after failures and close it after the wait, and never show a credential.
 * Each provider's test class adds its exact request and its real error bodies.
 */
abstract class ProviderClientContract {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final UUID MESSAGE_ID = UUID.fromString("0b7e4c3e-4d0e-4a43-9d55-3f0f6f8f2a11");
    static final TenantId TENANT = new TenantId(UUID.fromString("5a1c0de0-0000-4000-8000-00000000ac3e"));
    static final WebClient WEB = HttpCalls.webClient(16, Duration.ofSeconds(5), Duration.ofSeconds(20));

    static WireMockServer wireMock;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));

    @BeforeAll
    static void startWireMock() {
        wireMock = new WireMockServer(wireMockConfig().dynamicPort());
        wireMock.start();
    }

    @AfterAll
    static void stopWireMock() {
        wireMock.stop();
    }

    @BeforeEach
    void resetWireMock() {
        wireMock.resetAll();
    }

    /** The client under test, talking to WireMock through these guards. */
    abstract ProviderClient client(URI baseUrl, ResilientCalls calls);

    /** The provider's send request (method and path). */
    abstract MappingBuilder sendRequest();

    /** A success answer whose provider id is {@link #expectedProviderId()}. */
    abstract ResponseDefinitionBuilder success();

    abstract String expectedProviderId();

    /** A 2xx answer the client cannot read. */
    abstract ResponseDefinitionBuilder malformedSuccess();

    abstract Map<String, String> credentials();

    /** The secret value that must never appear in an outcome. */
    abstract String secret();

    abstract Provider provider();

    Channel channel() {
        return provider().channels().iterator().next();
    }

    OutboundMessage message() {
        boolean email = channel() == Channel.EMAIL;
        return new OutboundMessage(TENANT, MESSAGE_ID, channel(), provider(),
                email ? "ada@example.com" : "+966501234567", email ? "Your opinion" : null,
                "Tell us: https://s.example.com/t/abc", email ? "<p>Tell us</p>" : null, "idem-" + MESSAGE_ID,
                "https://hooks.example.com/webhooks/" + provider().slug() + "/tk", Map.of("distribution", "d-1"));
    }

    static ResilienceSettings settings() {
        return new ResilienceSettings(Duration.ofSeconds(10), 4, Duration.ofMillis(5), Duration.ofMillis(20), 0.5,
                Duration.ofSeconds(2), 50, 4, 4, Duration.ofSeconds(60), 1, 1000, Duration.ofSeconds(1),
                Duration.ofSeconds(5), 50);
    }

    /** One attempt, no retry, within this time. */
    static ResilienceSettings oneAttemptWithin(Duration timeout) {
        ResilienceSettings s = settings();
        return new ResilienceSettings(timeout, 1, s.initialBackoff(), s.maxBackoff(), s.jitter(), s.maxRetryAfter(),
                s.failureRateThreshold(), s.slidingWindowSize(), s.minimumCalls(), s.openWait(), s.halfOpenCalls(),
                s.ratePerPeriod(), s.ratePeriod(), s.rateWait(), s.maxConcurrent());
    }

    /** No retry; the circuit opens when both of the last two calls failed, and tries again after 60 s. */
    static ResilienceSettings circuitOfTwo() {
        ResilienceSettings s = settings();
        return new ResilienceSettings(s.timeout(), 1, s.initialBackoff(), s.maxBackoff(), s.jitter(),
                s.maxRetryAfter(), 50, 2, 2, Duration.ofSeconds(60), 1, s.ratePerPeriod(), s.ratePeriod(),
                s.rateWait(), s.maxConcurrent());
    }

    ProviderClient client(ResilienceSettings settings) {
        return client(URI.create(wireMock.baseUrl()), new ProviderResilience(null, clock)
                .forProvider(provider(), settings));
    }

    /** Sends the message to a provider that takes it, for tests of the exact request. */
    SendOutcome sendAgainstSuccess() {
        wireMock.stubFor(sendRequest().willReturn(success()));
        return send(client(settings()));
    }

    SendOutcome send(ProviderClient client) {
        return send(client, message());
    }

    SendOutcome send(ProviderClient client, OutboundMessage message) {
        return send(client, message, credentials());
    }

    static SendOutcome send(ProviderClient client, OutboundMessage message, Map<String, String> credentials) {
        AtomicReference<SendOutcome> out = new AtomicReference<>();
        StepVerifier.create(client.send(message, credentials))
                .consumeNextWith(out::set)
                .expectComplete()
                .verify(WAIT);
        return out.get();
    }

    @Test
    void shouldAcceptAndReturnProviderId() {
        wireMock.stubFor(sendRequest().willReturn(success()));

        assertThat(send(client(settings()))).isEqualTo(new SendOutcome.Accepted(expectedProviderId()));
        wireMock.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void shouldRetryTooManyRequestsAfterRetryAfter() {
        wireMock.stubFor(sendRequest().inScenario("429").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("ok"));
        wireMock.stubFor(sendRequest().inScenario("429").whenScenarioStateIs("ok").willReturn(success()));

        long started = System.nanoTime();
        SendOutcome outcome = send(client(settings()));

        assertThat(outcome).isEqualTo(new SendOutcome.Accepted(expectedProviderId()));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        wireMock.verify(2, anyRequestedFor(anyUrl()));
    }

    @Test
    void shouldHandBackRetryAfterBeyondTheCapWithoutRetrying() {
        wireMock.stubFor(sendRequest().willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        SendOutcome outcome = send(client(settings()));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Failed.class, f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        });
        wireMock.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void shouldRetryBurstOfServerErrorsThenSucceed() {
        wireMock.stubFor(sendRequest().inScenario("5xx").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("second"));
        wireMock.stubFor(sendRequest().inScenario("5xx").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("third"));
        wireMock.stubFor(sendRequest().inScenario("5xx").whenScenarioStateIs("third")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("ok"));
        wireMock.stubFor(sendRequest().inScenario("5xx").whenScenarioStateIs("ok").willReturn(success()));

        assertThat(send(client(settings()))).isEqualTo(new SendOutcome.Accepted(expectedProviderId()));
        wireMock.verify(4, anyRequestedFor(anyUrl()));
    }

    @Test
    void shouldFailRetryablyWhenServerErrorsOutlastTheRetries() {
        wireMock.stubFor(sendRequest().willReturn(aResponse().withStatus(503)));

        SendOutcome outcome = send(client(settings()));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Failed.class,
                f -> assertThat(f.retryable()).isTrue());
        wireMock.verify(4, anyRequestedFor(anyUrl()));
    }

    @Test
    void shouldGiveUpOnSlowAnswerAsRetryableTimeout() {
        wireMock.stubFor(sendRequest().willReturn(success().withFixedDelay(3_000)));
        SendOutcome outcome = send(client(oneAttemptWithin(Duration.ofSeconds(1))));

        assertThat(outcome).isEqualTo(new SendOutcome.Failed(Failures.TIMEOUT, "no answer within PT1S", true, null));
    }

    @Test
    void shouldRefuseUnreadableSuccessWithoutRetrying() {
        wireMock.stubFor(sendRequest().willReturn(malformedSuccess()));

        SendOutcome outcome = send(client(settings()));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Failed.class, f -> {
            assertThat(f.code()).isEqualTo(Failures.MALFORMED);
            assertThat(f.retryable()).isFalse();
        });
        wireMock.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void shouldOpenCircuitAfterFailuresAndCloseItAfterTheWait() {
        ResilientCalls calls = new ProviderResilience(null, clock).forProvider(provider(), circuitOfTwo());
        ProviderClient client = client(URI.create(wireMock.baseUrl()), calls);
        wireMock.stubFor(sendRequest().willReturn(aResponse().withStatus(500)));

        send(client);
        send(client);
        assertThat(calls.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(send(client)).isInstanceOfSatisfying(SendOutcome.Failed.class, f -> {
            assertThat(f.code()).isEqualTo(Failures.CIRCUIT_OPEN);
            assertThat(f.retryable()).isTrue();
        });
        wireMock.verify(2, anyRequestedFor(anyUrl()));

        wireMock.stubFor(sendRequest().willReturn(success()));
        clock.advance(Duration.ofSeconds(61));

        assertThat(send(client)).isEqualTo(new SendOutcome.Accepted(expectedProviderId()));
        assertThat(calls.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
        wireMock.verify(3, anyRequestedFor(anyUrl()));
    }

    @Test
    void shouldNeverShowCredentialsInFailures() {
        wireMock.stubFor(sendRequest().willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"bad key " + secret() + "\",\"errors\":[{\"message\":\"bad key "
                        + secret() + "\"}],\"error\":{\"message\":\"bad key " + secret() + "\",\"code\":190}}")));

        SendOutcome outcome = send(client(settings()));

        assertThat(outcome).isInstanceOf(SendOutcome.Failed.class);
        assertThat(outcome.toString()).doesNotContain(secret());
    }
}
