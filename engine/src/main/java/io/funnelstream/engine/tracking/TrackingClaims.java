package io.funnelstream.engine.tracking;

import io.funnelstream.engine.model.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a tracking token vouches for: whose survey link it is, and until when.
 *
 * @param tenant the tenant that sent the message
 * @param messageId the message carrying the link
 * @param recipientId the recipient, if known
 * @param distributionId the distribution, if any
 * @param surveyId the survey, if known
 * @param expiresAt the token is refused from this instant on (whole seconds)
 */
public record TrackingClaims(
        TenantId tenant,
        UUID messageId,
        @Nullable UUID recipientId,
        @Nullable UUID distributionId,
        @Nullable UUID surveyId,
        Instant expiresAt) {

    public TrackingClaims {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(messageId, "messageId");
        expiresAt = Instant.ofEpochSecond(Objects.requireNonNull(expiresAt, "expiresAt").getEpochSecond());
    }
}
