package io.funnelstream.engine.port;

import io.funnelstream.engine.lifecycle.MessageState;
import io.funnelstream.engine.model.ExperimentArm;
import io.funnelstream.engine.rollup.MessageDimensions;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A message as Postgres keeps it: its lifecycle state and what it belongs to.
 *
 * @param state the lifecycle state (id, tenant, channel, provider, stages reached, counts, failure)
 * @param providerMessageId the provider's id of it, once known
 * @param distributionId the distribution that sent it, if any
 * @param surveyId the survey it leads to, if any
 * @param recipientId the recipient, if any
 * @param arm the experiment variant it was sent under, if any
 */
public record StoredMessage(
        MessageState state,
        @Nullable String providerMessageId,
        @Nullable UUID distributionId,
        @Nullable UUID surveyId,
        @Nullable UUID recipientId,
        @Nullable ExperimentArm arm) {

    public StoredMessage {
        Objects.requireNonNull(state, "state");
    }

    /** A message sent under no experiment. */
    public StoredMessage(MessageState state, @Nullable String providerMessageId, @Nullable UUID distributionId,
            @Nullable UUID surveyId, @Nullable UUID recipientId) {
        this(state, providerMessageId, distributionId, surveyId, recipientId, null);
    }

    /** A message just queued, as a {@link LogRecord.MessageQueued} describes it. */
    public static StoredMessage queued(LogRecord.MessageQueued queued) {
        return new StoredMessage(
                MessageState.initial(
                        queued.messageId(), queued.tenant(), queued.channel(), queued.provider(), queued.queuedAt()),
                queued.providerMessageId(),
                queued.distributionId(),
                queued.surveyId(),
                queued.recipientId(),
                queued.arm());
    }

    public UUID id() {
        return state.messageId();
    }

    /** What the message counts under in rollups. */
    public MessageDimensions dimensions() {
        return new MessageDimensions(state.tenant(), state.channel(), state.provider(), distributionId, surveyId, arm);
    }

    /** The same message in another state. */
    public StoredMessage withState(MessageState next) {
        if (!next.messageId().equals(state.messageId())) {
            throw new IllegalArgumentException("state of " + next.messageId() + " given to " + state.messageId());
        }
        return new StoredMessage(next, providerMessageId, distributionId, surveyId, recipientId, arm);
    }
}
