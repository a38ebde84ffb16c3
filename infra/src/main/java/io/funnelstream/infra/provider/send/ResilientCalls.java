package io.funnelstream.infra.provider.send;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.send.SendOutcome;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One provider's guards around its calls. Each attempt passes, from the inside out, the time limiter, the rate
 * limiter, the bulkhead and the circuit breaker; the retry sits outside all of them, so that every attempt is
 * counted by the breaker and limited by the rate, and an open circuit ends the retries at once.
 */
public final class ResilientCalls {

    private final Provider provider;
    private final ResilienceSettings settings;
    private final TimeLimiter timeLimiter;
    private final RateLimiter rateLimiter;
    private final Bulkhead bulkhead;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;

    ResilientCalls(Provider provider, ResilienceSettings settings, TimeLimiter timeLimiter, RateLimiter rateLimiter,
            Bulkhead bulkhead, CircuitBreaker circuitBreaker, Retry retry) {
        this.provider = provider;
        this.settings = settings;
        this.timeLimiter = timeLimiter;
        this.rateLimiter = rateLimiter;
        this.bulkhead = bulkhead;
        this.circuitBreaker = circuitBreaker;
        this.retry = retry;
    }

    public Provider provider() {
        return provider;
    }

    public CircuitBreaker.State circuitState() {
        return circuitBreaker.getState();
    }

    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    /**
     * Runs the attempt under the guards. The attempt emits accepted and non-retryable outcomes as values and
     * signals retryable ones as {@link RetryableFailure}; what comes out is always a value, with these secret
     * values masked wherever the provider echoed them.
     */
    Mono<SendOutcome> call(List<@Nullable String> secrets, Supplier<Mono<SendOutcome>> attempt) {
        return Mono.defer(attempt)
                .transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .transformDeferred(RateLimiterOperator.of(rateLimiter))
                .transformDeferred(BulkheadOperator.of(bulkhead))
                .transformDeferred(CircuitBreakerOperator.of(circuitBreaker))
                .transformDeferred(RetryOperator.of(retry))
                .onErrorResume(error -> Failures.classify(error, settings.timeout())
                        .<Mono<SendOutcome>>map(Mono::just)
                        .orElseGet(() -> Mono.error(error)))
                .map(outcome -> Failures.scrub(outcome, secrets));
    }
}
