package io.funnelstream.engine.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One survey funnel event in canonical form: from a survey page through its signed tracking token, or concluded by
 * the engine (an abandonment after inactivity).
 *
 * @param tenant the tenant, from the token
 * @param messageId the message whose link was followed, from the token
 * @param recipientId the recipient, from the token, if it named one
 * @param distributionId the distribution, from the token, if it named one
 * @param surveyId the survey, from the token, if it named one
 * @param type what happened
 * @param questionIndex the question answered, for {@link SurveyEventType#PROGRESS}
 * @param dedupeKey unique per tenant: a repeat of the same event carries the same key and counts once
 * @param occurredAt when it happened
 * @param receivedAt when it was received (or concluded)
 * @param client device data the page sent (user agent, language, screen), empty when the respondent opted out
 * @param bot true when a link scanner or prefetcher sent it: stored, never counted
 * @param inactiveSince for an abandonment the engine concluded, the last activity it followed; null otherwise
 */
public record SurveyEvent(
        TenantId tenant,
        UUID messageId,
        @Nullable UUID recipientId,
        @Nullable UUID distributionId,
        @Nullable UUID surveyId,
        SurveyEventType type,
        @Nullable Integer questionIndex,
        String dedupeKey,
        Instant occurredAt,
        Instant receivedAt,
        Map<String, String> client,
        boolean bot,
        @Nullable Instant inactiveSince) {

    public SurveyEvent {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
        client = Map.copyOf(client);
        if (dedupeKey.isBlank()) {
            throw new IllegalArgumentException("dedupeKey is blank");
        }
        if (questionIndex != null && questionIndex < 0) {
            throw new IllegalArgumentException("questionIndex is negative");
        }
        if (inactiveSince != null && type != SurveyEventType.ABANDONED) {
            throw new IllegalArgumentException("only an abandonment follows inactivity");
        }
    }

    /** Whether the engine concluded it (an abandonment after inactivity) rather than a page reporting it. */
    public boolean detected() {
        return inactiveSince != null;
    }
}
