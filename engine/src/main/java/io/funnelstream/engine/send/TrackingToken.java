package io.funnelstream.engine.send;

import io.funnelstream.engine.model.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What a survey link's tracking token stands for: one message of a distribution to one recipient.
 *
 * @param tenant the tenant
 * @param distributionId the distribution
 * @param recipientId the recipient
 * @param messageId the message carrying the link
 * @param expiresAt after this instant the token is no longer accepted
 */
public record TrackingToken(TenantId tenant, UUID distributionId, UUID recipientId, UUID messageId, Instant expiresAt) {

    public TrackingToken {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(distributionId, "distributionId");
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
