package io.funnelstream.api.distribution;

import io.funnelstream.engine.send.SendSettings;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sending ({@code funnelstream.sending.*}): the outbox workers and the distributions API.
 *
 * @param enabled run a sending worker in this instance
 * @param batchSize outbox rows claimed at once
 * @param concurrency sends in flight at most per instance
 * @param lease how long a claimed row is held (at least twice the send timeout)
 * @param sendTimeout longest a send may take before it is retried as a timeout
 * @param idle wait after finding nothing to send or record
 * @param maxAttempts attempts before a retryable failure fails the message
 * @param backoff first retry delay, doubled per attempt with jitter
 * @param maxBackoff longest retry delay
 * @param credentialsTtl how long provider credentials are cached
 * @param linkTtl how long tracking links stay valid
 * @param maxInlineRecipients recipients a create request may carry inline (more go to the recipients endpoint)
 * @param recipientBatch recipients written per statement
 * @param experimentWait how long a message its experiment holds waits before it is asked about again (1 minute
 *     when unset)
 */
@ConfigurationProperties("funnelstream.sending")
public record SendingProperties(
        boolean enabled,
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
        int maxInlineRecipients,
        int recipientBatch,
        @Nullable Duration experimentWait) {

    SendSettings settings() {
        return new SendSettings(batchSize, concurrency, lease, sendTimeout, idle, maxAttempts, backoff, maxBackoff,
                credentialsTtl, linkTtl, experimentWait == null ? Duration.ofMinutes(1) : experimentWait);
    }
}
