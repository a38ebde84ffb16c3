package io.funnelstream.engine.send;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.ExperimentArm;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A send that ended (accepted or failed for good) whose outcome still has to reach the event log.
 *
 * @param providerMessageId the provider's id when it accepted the message, else null (a failure)
 * @param errorCode why it failed, if it did
 * @param reason a readable reason of the failure, if it failed
 * @param arm the experiment variant it was sent under, if any
 */
public record FinishedSend(
        UUID messageId,
        TenantId tenant,
        UUID distributionId,
        UUID recipientId,
        UUID surveyId,
        Channel channel,
        @Nullable Provider provider,
        @Nullable String providerMessageId,
        @Nullable String errorCode,
        @Nullable String reason,
        Instant queuedAt,
        Instant finishedAt,
        @Nullable ExperimentArm arm) {

    /** A send under no experiment. */
    public FinishedSend(UUID messageId, TenantId tenant, UUID distributionId, UUID recipientId, UUID surveyId,
            Channel channel, @Nullable Provider provider, @Nullable String providerMessageId,
            @Nullable String errorCode, @Nullable String reason, Instant queuedAt, Instant finishedAt) {
        this(messageId, tenant, distributionId, recipientId, surveyId, channel, provider, providerMessageId,
                errorCode, reason, queuedAt, finishedAt, null);
    }

    public FinishedSend {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(queuedAt, "queuedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    public boolean accepted() {
        return providerMessageId != null;
    }
}
