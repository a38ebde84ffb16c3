package io.funnelstream.engine.rollup;

import io.funnelstream.engine.lifecycle.MessageState;
import io.funnelstream.engine.lifecycle.StateChange;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.SurveyEventType;
import io.funnelstream.engine.model.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns what happened to a message into rollup increments, for every scope the message counts in
 * ({@link MessageDimensions#scopes()}) and every {@link BucketSize}.
 *
 * <p>Stage counters follow the stage's first time: a newly reached stage adds 1 in the bucket of its time,
 * a retimed stage moves its 1 from the bucket of the old time to that of the new one. Opens, clicks and
 * unknown events add 1 in the bucket of the event's time. So the deltas of a message's creation and of all
 * its changes add up to {@link #ofFinalState} of its final state: the recount a rebuild uses.
 */
public final class RollupDeltas {

    private static final BucketSize[] SIZES = BucketSize.values();

    private RollupDeltas() {}

    /** The increments of one change of a message, caused by an event that occurred at {@code eventTime}. */
    public static RollupDelta of(MessageDimensions dimensions, StateChange change, Instant eventTime) {
        RollupDelta.Builder builder = RollupDelta.builder();
        addTo(builder, dimensions, change, eventTime);
        return builder.build();
    }

    /** Adds the increments of one change to {@code delta}: {@link #of} without building a delta per change. */
    public static void addTo(
            RollupDelta.Builder delta, MessageDimensions dimensions, StateChange change, Instant eventTime) {
        TenantId tenant = dimensions.tenant();
        List<Scope> scopes = dimensions.scopes();
        for (Map.Entry<Stage, Instant> reached : change.newlyReached().entrySet()) {
            add(delta, tenant, scopes, reached.getValue(), Counter.reached(reached.getKey()), 1);
        }
        for (Map.Entry<Stage, StateChange.Retimed> moved : change.retimed().entrySet()) {
            String counter = Counter.reached(moved.getKey());
            add(delta, tenant, scopes, moved.getValue().from(), counter, -1);
            add(delta, tenant, scopes, moved.getValue().to(), counter, 1);
        }
        add(delta, tenant, scopes, eventTime, Counter.OPENS, change.opensAdded());
        add(delta, tenant, scopes, eventTime, Counter.MACHINE_OPENS, change.machineOpensAdded());
        add(delta, tenant, scopes, eventTime, Counter.CLICKS, change.clicksAdded());
    }

    /** The increments of a new message: each stage of its initial state counts once. */
    public static RollupDelta ofNewMessage(MessageDimensions dimensions, MessageState initial) {
        return ofFinalState(dimensions, initial, List.of());
    }

    /**
     * The rollups of one message recounted from scratch: each reached stage once at its first time, and
     * each open, click and unknown event among {@code events} at its time.
     *
     * @param events the distinct events applied to the message (a rebuild reads the stored events that moved
     *     it); events of other types are ignored
     * @throws IllegalArgumentException if the dimensions are not the message's
     */
    public static RollupDelta ofFinalState(
            MessageDimensions dimensions, MessageState state, Iterable<MessageEvent> events) {
        RollupDelta.Builder delta = RollupDelta.builder();
        addFinalState(delta, dimensions, state, events);
        return delta.build();
    }

    /**
     * Adds the recount of one message to {@code delta}: what a rebuild calls for every message, summing into
     * one builder (summing per-message deltas with {@link RollupDelta#plus} would copy the growing total each
     * time).
     *
     * @throws IllegalArgumentException if the dimensions are not the message's
     */
    public static void addFinalState(
            RollupDelta.Builder delta,
            MessageDimensions dimensions,
            MessageState state,
            Iterable<MessageEvent> events) {
        requireSameMessage(dimensions, state);
        TenantId tenant = dimensions.tenant();
        List<Scope> scopes = dimensions.scopes();
        state.firstReached().forEach((stage, at) -> add(delta, tenant, scopes, at, Counter.reached(stage), 1));
        for (MessageEvent event : events) {
            String counter = activityCounter(event);
            if (counter != null) {
                add(delta, tenant, scopes, event.occurredAt(), counter, 1);
            }
        }
    }

    /** One event of a type this version does not know, whether or not its message is known. */
    public static void addUnknownEvent(RollupDelta.Builder delta, MessageDimensions dimensions, Instant eventTime) {
        add(delta, dimensions.tenant(), dimensions.scopes(), eventTime, Counter.UNKNOWN_EVENTS, 1);
    }

    /**
     * One survey funnel event at {@code at}: adds to the step's total, and to its unique counter when it is
     * the recipient's first of this step.
     */
    public static RollupDelta ofSurveyStep(
            MessageDimensions dimensions, SurveyStep step, boolean firstForRecipient, Instant at) {
        RollupDelta.Builder delta = RollupDelta.builder();
        add(delta, dimensions.tenant(), dimensions.scopes(), at, step.totalCounter(), 1);
        if (firstForRecipient) {
            add(delta, dimensions.tenant(), dimensions.scopes(), at, step.uniqueCounter(), 1);
        }
        return delta.build();
    }

    /**
     * One stored survey event (not a bot's) of a known message: adds 1 to its step's total counter in the bucket of
     * its time; progress counts in no step.
     */
    public static void addSurveyEvent(
            RollupDelta.Builder delta, MessageDimensions dimensions, SurveyEventType type, Instant at) {
        SurveyStep.of(type).ifPresent(step ->
                add(delta, dimensions.tenant(), dimensions.scopes(), at, step.totalCounter(), 1));
    }

    /**
     * What a message's survey tally counts beside the totals, times {@code sign} (1 to add, -1 to take back): for
     * each step taken, 1 in the unique counter at the step's first time, except an abandonment followed by a
     * completion; and once completed and delivered, the response time from delivery to the first completion.
     *
     * @param deliveredAt when the message was first delivered, or null if not known to be
     */
    public static void addSurveyFirsts(RollupDelta.Builder delta, MessageDimensions dimensions,
            @Nullable Instant deliveredAt, SurveyTally tally, int sign) {
        TenantId tenant = dimensions.tenant();
        List<Scope> scopes = dimensions.scopes();
        tally.stats().forEach((type, stat) -> SurveyStep.of(type).ifPresent(step -> {
            if (step != SurveyStep.ABANDONED || !tally.has(SurveyEventType.COMPLETED)) {
                add(delta, tenant, scopes, stat.first(), step.uniqueCounter(), sign);
            }
        }));
        SurveyTally.Stat completed = tally.stat(SurveyEventType.COMPLETED);
        if (completed != null && deliveredAt != null) {
            Duration responseTime = Duration.between(deliveredAt, completed.first());
            for (BucketSize size : SIZES) {
                Instant start = size.start(completed.first());
                for (Scope scope : scopes) {
                    LatencySketch.addTo(delta, new RollupKey(tenant, scope, size, start), responseTime, sign);
                }
            }
        }
    }

    /** One response time (delivery to completion), in the buckets of the completion time. */
    public static RollupDelta ofResponse(MessageDimensions dimensions, Instant completedAt, Duration responseTime) {
        RollupDelta.Builder delta = RollupDelta.builder();
        for (BucketSize size : SIZES) {
            Instant start = size.start(completedAt);
            for (Scope scope : dimensions.scopes()) {
                LatencySketch.addTo(delta, new RollupKey(dimensions.tenant(), scope, size, start), responseTime);
            }
        }
        return delta.build();
    }

    private static @Nullable String activityCounter(MessageEvent event) {
        return switch (event.type()) {
            case OPENED -> event.machineOpen() ? Counter.MACHINE_OPENS : Counter.OPENS;
            case CLICKED -> Counter.CLICKS;
            case UNKNOWN -> Counter.UNKNOWN_EVENTS;
            default -> null;
        };
    }

    private static void add(
            RollupDelta.Builder delta, TenantId tenant, List<Scope> scopes, Instant at, String counter, long amount) {
        if (amount == 0) {
            return;
        }
        for (BucketSize size : SIZES) {
            Instant start = size.start(at);
            for (Scope scope : scopes) {
                delta.add(new RollupKey(tenant, scope, size, start), counter, amount);
            }
        }
    }

    private static void requireSameMessage(MessageDimensions dimensions, MessageState state) {
        if (!dimensions.tenant().equals(state.tenant())
                || dimensions.channel() != state.channel()
                || dimensions.provider() != state.provider()) {
            throw new IllegalArgumentException("dimensions " + dimensions + " are not those of " + state.messageId());
        }
    }
}
