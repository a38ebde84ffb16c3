package io.funnelstream.engine.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where one respondent stands in a survey after the pipeline stored their latest events: what an inactivity timer
 * needs to know.
 *
 * @param tenant the tenant
 * @param messageId the message whose survey it is
 * @param recipientId the recipient, if known
 * @param distributionId the distribution, if known
 * @param surveyId the survey, if known
 * @param lastActivity the latest activity stored (any event but an abandonment)
 * @param open started and neither completed nor abandoned since the last activity
 * @param completed completed: nothing is pending any more, whatever the times
 */
public record SurveyProgress(
        TenantId tenant,
        UUID messageId,
        @Nullable UUID recipientId,
        @Nullable UUID distributionId,
        @Nullable UUID surveyId,
        Instant lastActivity,
        boolean open,
        boolean completed) {

    public SurveyProgress {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(lastActivity, "lastActivity");
    }
}
