package io.funnelstream.infra.provider.send;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.send.SendOutcome;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds each provider's {@link ResilientCalls} in shared Resilience4j registries, named by the provider's slug
 * ({@code sendgrid}, ...), and publishes their states as Micrometer meters ({@code resilience4j_circuitbreaker_state},
 * {@code resilience4j_retry_calls}, ... tagged {@code name=<provider>}) when given a registry.
 */
public final class ProviderResilience {

    private final CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.ofDefaults();
    private final RetryRegistry retries = RetryRegistry.ofDefaults();
    private final TimeLimiterRegistry timeLimiters = TimeLimiterRegistry.ofDefaults();
    private final RateLimiterRegistry rateLimiters = RateLimiterRegistry.ofDefaults();
    private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();
    private final Map<Provider, ResilientCalls> calls = new EnumMap<>(Provider.class);
    private final Clock clock;

    /**
     * @param meters where the guards' states go, if anywhere
     * @param clock what the circuit breakers measure their open wait with
     */
    public ProviderResilience(@Nullable MeterRegistry meters, Clock clock) {
        this.clock = clock;
        if (meters != null) {
            TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuitBreakers).bindTo(meters);
            TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
            TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(timeLimiters).bindTo(meters);
            TaggedRateLimiterMetrics.ofRateLimiterRegistry(rateLimiters).bindTo(meters);
            TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
        }
    }

    /** The provider's guards, built on the first call; later calls get the same ones whatever settings they pass. */
    public synchronized ResilientCalls forProvider(Provider provider, ResilienceSettings settings) {
        ResilientCalls existing = calls.get(provider);
        if (existing != null) {
            return existing;
        }
        String name = provider.slug();
        ResilientCalls built = new ResilientCalls(provider, settings,
                timeLimiters.timeLimiter(name, TimeLimiterConfig.custom()
                        .timeoutDuration(settings.timeout()).cancelRunningFuture(true).build()),
                rateLimiters.rateLimiter(name, RateLimiterConfig.custom()
                        .limitForPeriod(settings.ratePerPeriod())
                        .limitRefreshPeriod(settings.ratePeriod())
                        .timeoutDuration(settings.rateWait()).build()),
                bulkheads.bulkhead(name, BulkheadConfig.custom()
                        .maxConcurrentCalls(settings.maxConcurrent()).maxWaitDuration(Duration.ZERO).build()),
                circuitBreakers.circuitBreaker(name, circuitBreakerConfig(settings)),
                retries.retry(name, retryConfig(settings)));
        calls.put(provider, built);
        return built;
    }

    /** Every provider's circuit state, for health. */
    public synchronized Map<Provider, CircuitBreaker.State> circuitStates() {
        Map<Provider, CircuitBreaker.State> states = new EnumMap<>(Provider.class);
        calls.forEach((provider, c) -> states.put(provider, c.circuitState()));
        return states;
    }

    private CircuitBreakerConfig circuitBreakerConfig(ResilienceSettings settings) {
        return CircuitBreakerConfig.custom()
                .clock(clock)
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .waitDurationInOpenState(settings.openWait())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                // Our own guards refusing a call say nothing about the provider's health.
                .ignoreExceptions(RequestNotPermitted.class, BulkheadFullException.class)
                .build();
    }

    private static RetryConfig retryConfig(ResilienceSettings settings) {
        IntervalFunction backoff = settings.jitter() == 0
                ? IntervalFunction.ofExponentialBackoff(settings.initialBackoff(), 2.0, settings.maxBackoff())
                : IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), 2.0, settings.jitter(),
                        settings.maxBackoff());
        IntervalBiFunction<SendOutcome> interval = (attempt, either) -> {
            if (either.isLeft() && either.getLeft() instanceof RetryableFailure f && f.outcome().retryAfter() != null) {
                return f.outcome().retryAfter().toMillis();
            }
            return backoff.apply(attempt);
        };
        return RetryConfig.<SendOutcome>custom()
                .maxAttempts(settings.maxAttempts())
                .intervalBiFunction(interval)
                .retryOnException(e -> Failures.shouldRetry(e, settings.timeout(), settings.maxRetryAfter()))
                .failAfterMaxAttempts(false)
                .build();
    }
}
