package io.funnelstream.infra.provider.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.send.SendOutcome;
import io.funnelstream.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The guards around a provider's calls, with scripted attempts instead of a provider. */
class ResilientCallsTests {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final SendOutcome ACCEPTED = new SendOutcome.Accepted("id-1");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));

    private ResilientCalls calls(ResilienceSettings settings) {
        return new ProviderResilience(null, clock).forProvider(Provider.SENDGRID, settings);
    }

    private static ResilienceSettings settings(int ratePerPeriod, int maxConcurrent) {
        ResilienceSettings s = ProviderClientContract.settings();
        return new ResilienceSettings(s.timeout(), 3, Duration.ofMillis(1), Duration.ofMillis(2), 0,
                Duration.ofSeconds(5), s.failureRateThreshold(), s.slidingWindowSize(), s.minimumCalls(),
                s.openWait(), s.halfOpenCalls(), ratePerPeriod, Duration.ofMinutes(10), Duration.ZERO, maxConcurrent);
    }

    @Test
    void shouldWaitOutRetryAfterInVirtualTime() {
        AtomicInteger attempts = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> calls(settings(100, 10)).call(List.of(),
                        () -> attempts.incrementAndGet() == 1
                        ? Mono.error(Failures.retryable("429", "slow down", Duration.ofSeconds(4)))
                        : Mono.just(ACCEPTED)))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(3))
                .thenAwait(Duration.ofSeconds(1))
                .expectNext(ACCEPTED)
                .expectComplete()
                .verify(WAIT);
        assertThat(attempts).hasValue(2);
    }

    @Test
    void shouldNotRetryFailureThatIsNotRetryable() {
        AtomicInteger attempts = new AtomicInteger();
        SendOutcome refused = new SendOutcome.Failed("400", "bad", false, null);

        StepVerifier.create(calls(settings(100, 10)).call(List.of(), () -> {
            attempts.incrementAndGet();
            return Mono.just(refused);
        })).expectNext(refused).expectComplete().verify(WAIT);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void shouldRefuseBeyondTheRateAsRetryableWithoutCalling() {
        ResilientCalls calls = calls(settings(1, 10));
        AtomicInteger attempts = new AtomicInteger();

        StepVerifier.create(calls.call(List.of(), () -> Mono.fromSupplier(() -> {
            attempts.incrementAndGet();
            return ACCEPTED;
        }))).expectNext(ACCEPTED).expectComplete().verify(WAIT);
        StepVerifier.create(calls.call(List.of(), () -> Mono.just(ACCEPTED)))
                .expectNext(new SendOutcome.Failed(Failures.RATE_LIMITED, "the provider's rate limit is reached", true,
                        null))
                .expectComplete()
                .verify(WAIT);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void shouldRefuseBeyondTheBulkheadAsRetryable() {
        ResilientCalls calls = calls(settings(100, 1));

        StepVerifier.create(calls.call(List.of(), Mono::never))
                .expectSubscription()
                .then(() -> StepVerifier.create(calls.call(List.of(), () -> Mono.just(ACCEPTED)))
                        .expectNextMatches(o -> o instanceof SendOutcome.Failed f
                                && f.code().equals(Failures.BULKHEAD_FULL) && f.retryable())
                        .expectComplete()
                        .verify(WAIT))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void shouldLetBugsThrough() {
        StepVerifier.create(calls(settings(100, 10)).call(List.of(),
                        () -> Mono.error(new IllegalStateException("a bug"))))
                .expectErrorMessage("a bug")
                .verify(WAIT);
    }

    @Test
    void shouldMaskSecretsInReasons() {
        StepVerifier.create(calls(settings(100, 10)).call(List.of("s3cr3t-value"),
                        () -> Mono.just(new SendOutcome.Failed("401", "key s3cr3t-value is revoked", false, null))))
                .expectNext(new SendOutcome.Failed("401", "key *** is revoked", false, null))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void shouldReadRetryAfterAsSecondsOrHttpDate() {
        HttpHeaders seconds = new HttpHeaders();
        seconds.set(HttpHeaders.RETRY_AFTER, "7");
        HttpHeaders date = new HttpHeaders();
        date.set(HttpHeaders.RETRY_AFTER,
                DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusMinutes(10)));

        assertThat(new HttpAnswer(429, seconds, "").retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(new HttpAnswer(429, date, "").retryAfter()).isBetween(Duration.ofMinutes(8), Duration.ofMinutes(10));
        assertThat(HttpAnswer.parseRetryAfter("soon")).isNull();
    }
}
