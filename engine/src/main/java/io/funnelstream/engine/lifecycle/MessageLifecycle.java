package io.funnelstream.engine.lifecycle;

import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Stage;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Folds provider events into a message's state: one model for email, SMS and WhatsApp.
 *
 * <p>Events arrive out of order and more than once, so the result of folding a set of distinct events is
 * the same in every order:
 * <ul>
 *   <li>An event reaches its stage and every stage that stage implies ({@link Stage#closure()}: read implies
 *       delivered implies sent), all at the event's time. Each stage keeps the earliest time any event
 *       reached it, so an explicit event earlier than an implied time replaces it, and a late "delivered"
 *       after "opened" only fills in (or moves earlier) the delivered time.
 *   <li>The status is the reached stage of highest {@link Stage#statusRank()}: it never moves backwards,
 *       and a later non-final status (deferred, soft bounce, undelivered after delivered) never overwrites
 *       a higher one.
 *   <li>The failure detail is the most serious failure reported, chosen by a total order (see
 *       {@link FailureDetail}).
 *   <li>Events with no stage ({@link EventType#RESUBSCRIBED}, {@link EventType#UNKNOWN}) change nothing.
 * </ul>
 *
 * <p>Opens and clicks: every open event adds one open and every click event one click; the counts are
 * totals, the {@link Stage#OPENED} and {@link Stage#CLICKED} stages the unique (per message) facts. An open
 * flagged {@link MessageEvent#machineOpen()} adds one machine open and <em>not</em> an open, and reaches
 * {@link Stage#DELIVERED} rather than {@link Stage#OPENED}: privacy proxies (Apple Mail Privacy Protection)
 * fetch every tracking pixel as soon as the mail reaches the mailbox, so such a fetch proves delivery but
 * says nothing about whether a person opened it, and counting it would push the unique open rate towards
 * the share of proxied recipients. A click still implies a (human) open.
 *
 * <p>{@link #apply} does not deduplicate: the same open applied twice counts twice. In production the
 * unique constraint on stored events drops retries before they get here; {@link #replay} deduplicates by
 * {@link MessageEvent#key()} for tests and rebuilds.
 */
public final class MessageLifecycle {

    private MessageLifecycle() {}

    /**
     * Applies one event to the state.
     *
     * @throws IllegalArgumentException if the event belongs to another tenant, channel or provider, or
     *     names another message id: the caller routed it to the wrong message
     */
    public static Transition apply(MessageState state, MessageEvent event) {
        requireSameMessage(state, event);
        Optional<Stage> reached = effectiveStage(event);
        if (reached.isEmpty()) {
            return Transition.unchanged(state);
        }
        Stage stage = reached.get();
        EnumMap<Stage, Instant> firstReached = new EnumMap<>(Stage.class);
        firstReached.putAll(state.firstReached());
        EnumMap<Stage, Instant> newlyReached = new EnumMap<>(Stage.class);
        EnumMap<Stage, StateChange.Retimed> retimed = new EnumMap<>(Stage.class);
        reach(stage, event.occurredAt(), firstReached, newlyReached, retimed);
        int opens = isOpen(event) && !event.machineOpen() ? 1 : 0;
        int machineOpens = isOpen(event) && event.machineOpen() ? 1 : 0;
        int clicks = event.type() == EventType.CLICKED ? 1 : 0;
        FailureDetail failure = FailureDetail.of(stage, event)
                .map(candidate -> FailureDetail.moreSerious(state.failure(), candidate))
                .orElse(state.failure());
        MessageState next = new MessageState(
                state.messageId(),
                state.tenant(),
                state.channel(),
                state.provider(),
                firstReached,
                state.opens() + opens,
                state.machineOpens() + machineOpens,
                state.clicks() + clicks,
                failure);
        StateChange change = new StateChange(
                state.status(), next.status(), newlyReached, retimed, opens, machineOpens, clicks);
        return new Transition(next, change);
    }

    /** Reaches the stage and all it implies at {@code at}, keeping the earliest time of each. */
    private static void reach(
            Stage stage,
            Instant at,
            EnumMap<Stage, Instant> firstReached,
            EnumMap<Stage, Instant> newlyReached,
            EnumMap<Stage, StateChange.Retimed> retimed) {
        for (Stage s : stage.closure()) {
            Instant known = firstReached.get(s);
            if (known == null) {
                newlyReached.put(s, at);
                firstReached.put(s, at);
            } else if (at.isBefore(known)) {
                retimed.put(s, new StateChange.Retimed(known, at));
                firstReached.put(s, at);
            }
        }
    }

    /**
     * Folds the distinct events into the state: an event whose {@link MessageEvent#key()} was already seen
     * in {@code events} is skipped. The result does not depend on the order of {@code events}.
     */
    public static MessageState replay(MessageState initial, Iterable<MessageEvent> events) {
        Set<MessageEvent.EventKey> seen = new HashSet<>();
        MessageState state = initial;
        for (MessageEvent event : events) {
            if (seen.add(event.key())) {
                state = apply(state, event).state();
            }
        }
        return state;
    }

    /** The stage an event reaches: its own, except that a machine open only proves delivery. */
    static Optional<Stage> effectiveStage(MessageEvent event) {
        if (isOpen(event) && event.machineOpen()) {
            return Optional.of(Stage.DELIVERED);
        }
        return event.stage();
    }

    private static boolean isOpen(MessageEvent event) {
        return event.type() == EventType.OPENED;
    }

    private static void requireSameMessage(MessageState state, MessageEvent event) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(event, "event");
        if (!state.tenant().equals(event.tenant())
                || state.channel() != event.channel()
                || state.provider() != event.provider()) {
            throw new IllegalArgumentException("event " + event.providerEventId() + " belongs to another message");
        }
        if (event.messageId() != null && !state.messageId().equals(event.messageId())) {
            throw new IllegalArgumentException(
                    "event " + event.providerEventId() + " names message " + event.messageId());
        }
    }
}
