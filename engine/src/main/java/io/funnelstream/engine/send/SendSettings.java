package io.funnelstream.engine.send;

import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox is worked.
 *
 * @param batchSize rows claimed at once
 * @param concurrency sends in flight at most per worker
 * @param lease how long a claimed row is held; must exceed {@code sendTimeout} by a margin
 * @param sendTimeout the longest a send may take before it counts as a retryable timeout
 * @param idle how long to wait after finding nothing to do
 * @param maxAttempts attempts before a retryable failure fails the message for good
 * @param backoff the first retry's delay, doubled per attempt (with jitter) up to {@code maxBackoff}
 * @param maxBackoff the longest delay between attempts
 * @param credentialsTtl how long a tenant's provider credentials are kept in memory
 * @param linkTtl how long tracking tokens in links stay valid
 * @param experimentWait how long a message held by its experiment (the remainder waiting for a winner, a paused
 *     experiment) waits before its recipient's assignment is asked again
 */
public record SendSettings(
        int batchSize,
        int concurrency,
        Duration lease,
        Duration sendTimeout,
        Duration idle,
        int maxAttempts,
        Duration backoff,
        Duration maxBackoff,
        Duration credentialsTtl,
        Duration linkTtl,
        Duration experimentWait) {

    /** Settings whose held messages are asked about again after a minute. */
    public SendSettings(int batchSize, int concurrency, Duration lease, Duration sendTimeout, Duration idle,
            int maxAttempts, Duration backoff, Duration maxBackoff, Duration credentialsTtl, Duration linkTtl) {
        this(batchSize, concurrency, lease, sendTimeout, idle, maxAttempts, backoff, maxBackoff, credentialsTtl,
                linkTtl, Duration.ofMinutes(1));
    }

    public SendSettings {
        if (batchSize < 1 || concurrency < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("batchSize, concurrency and maxAttempts must be positive");
        }
        Objects.requireNonNull(idle, "idle");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(credentialsTtl, "credentialsTtl");
        Objects.requireNonNull(linkTtl, "linkTtl");
        if (experimentWait.isNegative() || experimentWait.isZero()) {
            throw new IllegalArgumentException("experimentWait must be positive");
        }
        if (lease.compareTo(sendTimeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("the lease must be at least twice the send timeout");
        }
    }

    /**
     * Defaults: 200 rows a claim, 256 sends in flight, 60 s leases, 20 s send timeout, 8 attempts; messages held
     * by an experiment asked about again every minute.
     */
    public static SendSettings defaults() {
        return new SendSettings(200, 256, Duration.ofSeconds(60), Duration.ofSeconds(20), Duration.ofMillis(500),
                8, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofDays(90));
    }
}
