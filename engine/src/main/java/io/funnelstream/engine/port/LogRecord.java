package io.funnelstream.engine.port;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.ExperimentArm;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.SurveyEvent;
import io.funnelstream.engine.model.TenantId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the event log carries: one envelope for every kind of event. The tenant is the partition key, so one
 * tenant's records keep their order. Survey funnel events are {@link Survey} records.
 */
public sealed interface LogRecord permits LogRecord.Message, LogRecord.MessageQueued, LogRecord.Survey, LogRecord.Unreadable {

    /** The tenant the record belongs to; records of one tenant land on one partition. */
    TenantId tenant();

    static LogRecord of(MessageEvent event) {
        return new Message(event);
    }

    /** A provider event about a message. */
    record Message(MessageEvent event) implements LogRecord {

        public Message {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public TenantId tenant() {
            return event.tenant();
        }
    }

    static LogRecord of(SurveyEvent event) {
        return new Survey(event);
    }

    /** A survey funnel event: from a survey page, or an abandonment the engine concluded. */
    record Survey(SurveyEvent event) implements LogRecord {

        public Survey {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public TenantId tenant() {
            return event.tenant();
        }
    }

    /**
     * A message was created (queued for sending): the pipeline inserts its row, applies any events that arrived
     * for it before it, and counts it. Appending the same record twice creates the message once.
     *
     * @param tenant the tenant sending it
     * @param messageId our id of the message, chosen by the sender; providers may echo it back
     * @param channel the channel it goes over
     * @param provider the provider carrying it; must carry {@code channel}
     * @param providerMessageId the provider's id of the message when already known, else null
     * @param distributionId the distribution sending it, if any (must exist in the tenant)
     * @param surveyId the survey it leads to, if any (must exist in the tenant)
     * @param recipientId the recipient, if any (must exist in the tenant)
     * @param queuedAt when it was queued: the time of its first stage
     * @param arm the experiment variant it was sent under, if any
     */
    record MessageQueued(
            TenantId tenant,
            UUID messageId,
            Channel channel,
            Provider provider,
            @Nullable String providerMessageId,
            @Nullable UUID distributionId,
            @Nullable UUID surveyId,
            @Nullable UUID recipientId,
            Instant queuedAt,
            @Nullable ExperimentArm arm)
            implements LogRecord {

        /** A message sent under no experiment. */
        public MessageQueued(TenantId tenant, UUID messageId, Channel channel, Provider provider,
                @Nullable String providerMessageId, @Nullable UUID distributionId, @Nullable UUID surveyId,
                @Nullable UUID recipientId, Instant queuedAt) {
            this(tenant, messageId, channel, provider, providerMessageId, distributionId, surveyId, recipientId,
                    queuedAt, null);
        }

        public MessageQueued {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(queuedAt, "queuedAt");
            if (!provider.carries(channel)) {
                throw new IllegalArgumentException(provider + " does not carry " + channel);
            }
            if (providerMessageId != null && providerMessageId.isBlank()) {
                throw new IllegalArgumentException("providerMessageId is blank");
            }
        }
    }

    /**
     * A record this version cannot read (an unknown kind, a damaged payload), handed to the reader instead of
     * failing the whole log: the pipeline counts it, keeps it aside with its position and moves past it, so one
     * bad record does not halt every tenant behind it.
     *
     * @param tenant the tenant the log names for it (column or key), or {@link #UNKNOWN_TENANT} if none is legible
     * @param kind the kind the log names for it, as stored
     * @param payload the stored bytes
     * @param reason why it could not be read
     */
    record Unreadable(TenantId tenant, String kind, byte[] payload, String reason) implements LogRecord {

        /** Stands for a tenant that cannot be read from the record either. */
        public static final TenantId UNKNOWN_TENANT = new TenantId(new UUID(0, 0));

        public Unreadable {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(kind, "kind");
            payload = Objects.requireNonNull(payload, "payload").clone();
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Unreadable u
                    && tenant.equals(u.tenant)
                    && kind.equals(u.kind)
                    && Arrays.equals(payload, u.payload)
                    && reason.equals(u.reason);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenant, kind, Arrays.hashCode(payload), reason);
        }

        @Override
        public String toString() {
            return "Unreadable[tenant=" + tenant + ", kind=" + kind + ", bytes=" + payload.length + ", reason="
                    + reason + "]";
        }
    }
}
