package io.funnelstream.engine.lifecycle;

import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Stage;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Why a message failed, or was held up: taken from the most serious failure event reported for it.
 *
 * <p>"Most serious" is a total order, so the detail kept does not depend on the order events arrive in:
 * the failure stage of highest {@link Stage#statusRank()} wins, then the earliest {@code occurredAt},
 * then the smallest {@code providerEventId} (distinct events of one message have distinct ids).
 *
 * <p>The detail stays when the message is later delivered (a soft bounce before a delivery remains visible);
 * {@link MessageState#status()} says whether the message ended failed.
 *
 * @param stage the failure stage the event reached: one of {@link #isFailure(Stage) the failure stages}
 * @param occurredAt when the provider says the failure happened
 * @param providerEventId the provider's id of the failure event
 * @param reason the provider's human-readable reason, if given
 * @param errorCode the provider's error code or SMTP status, if given
 */
public record FailureDetail(
        Stage stage, Instant occurredAt, String providerEventId, @Nullable String reason, @Nullable String errorCode) {

    private static final Comparator<FailureDetail> MOST_SERIOUS_FIRST = Comparator.comparingInt(
                    (FailureDetail f) -> -f.stage().statusRank())
            .thenComparing(FailureDetail::occurredAt)
            .thenComparing(FailureDetail::providerEventId);

    public FailureDetail {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(providerEventId, "providerEventId");
        if (!isFailure(stage)) {
            throw new IllegalArgumentException(stage + " is not a failure stage");
        }
    }

    /**
     * The stages that carry a failure detail: deferrals and soft bounces (transient) as well as drops,
     * undelivered, failed and hard bounces (terminal).
     */
    public static boolean isFailure(Stage stage) {
        return stage == Stage.DEFERRED || stage == Stage.SOFT_BOUNCED || stage.isTerminalFailure();
    }

    /** Hard or soft for bounces (derived from the stage), null for other failures. */
    public @Nullable BounceClass bounceClass() {
        return switch (stage) {
            case BOUNCED -> BounceClass.HARD;
            case SOFT_BOUNCED -> BounceClass.SOFT;
            default -> null;
        };
    }

    /** The detail an event carries when it reaches a failure stage. */
    static Optional<FailureDetail> of(Stage reached, MessageEvent event) {
        if (!isFailure(reached)) {
            return Optional.empty();
        }
        return Optional.of(new FailureDetail(
                reached, event.occurredAt(), event.providerEventId(), event.reason(), event.errorCode()));
    }

    /** The more serious of the two; the order of the arguments does not matter. */
    static FailureDetail moreSerious(@Nullable FailureDetail current, FailureDetail candidate) {
        if (current == null || MOST_SERIOUS_FIRST.compare(candidate, current) < 0) {
            return candidate;
        }
        return current;
    }
}
