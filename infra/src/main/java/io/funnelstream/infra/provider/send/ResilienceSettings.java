package io.funnelstream.infra.provider.send;

import java.time.Duration;

/**
 * How one provider's calls are guarded.
 *
 * @param timeout the longest one attempt may take
 * @param maxAttempts attempts in all, the first included (1: no retry)
 * @param initialBackoff the wait before the first retry; each further wait doubles, up to {@code maxBackoff}
 * @param maxBackoff the longest backoff
 * @param jitter the randomisation factor of each backoff, in [0, 1)
 * @param maxRetryAfter a provider's {@code Retry-After} up to this long is waited out and retried; a longer one ends
 *     the attempts and is handed back in the outcome
 * @param failureRateThreshold the percentage of failed calls that opens the circuit
 * @param slidingWindowSize the calls the failure rate is taken over
 * @param minimumCalls calls needed before the failure rate counts
 * @param openWait how long the circuit stays open before it lets trial calls through
 * @param halfOpenCalls trial calls in the half-open state
 * @param ratePerPeriod calls allowed per {@code ratePeriod} (the provider's documented rate)
 * @param ratePeriod the rate limiter's refresh period
 * @param rateWait how long a call may wait for a rate permit before it fails as retryable
 * @param maxConcurrent calls in flight at once (bulkhead)
 */
public record ResilienceSettings(
        Duration timeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        double jitter,
        Duration maxRetryAfter,
        float failureRateThreshold,
        int slidingWindowSize,
        int minimumCalls,
        Duration openWait,
        int halfOpenCalls,
        int ratePerPeriod,
        Duration ratePeriod,
        Duration rateWait,
        int maxConcurrent) {

    public ResilienceSettings {
        positive(timeout, "timeout");
        positive(initialBackoff, "initialBackoff");
        positive(maxBackoff, "maxBackoff");
        positive(openWait, "openWait");
        positive(ratePeriod, "ratePeriod");
        if (maxRetryAfter.isNegative() || rateWait.isNegative()) {
            throw new IllegalArgumentException("maxRetryAfter and rateWait must not be negative");
        }
        if (maxAttempts < 1 || slidingWindowSize < 1 || minimumCalls < 1 || halfOpenCalls < 1 || ratePerPeriod < 1
                || maxConcurrent < 1) {
            throw new IllegalArgumentException("counts must be positive");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
        if (failureRateThreshold <= 0 || failureRateThreshold > 100) {
            throw new IllegalArgumentException("failureRateThreshold must be in (0, 100]");
        }
    }

    /** Sensible production values at this rate per second. */
    public static ResilienceSettings defaults(int perSecond) {
        return new ResilienceSettings(Duration.ofSeconds(10), 3, Duration.ofMillis(200), Duration.ofSeconds(5), 0.5,
                Duration.ofSeconds(30), 50, 50, 20, Duration.ofSeconds(30), 5, perSecond, Duration.ofSeconds(1),
                Duration.ofSeconds(5), 200);
    }

    private static void positive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
