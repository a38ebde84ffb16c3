package io.funnelstream.engine.lifecycle;

import java.util.Objects;

/**
 * The outcome of applying one event to a message.
 *
 * @param state the message's state after the event
 * @param change what the event changed, for counter deltas
 */
public record Transition(MessageState state, StateChange change) {

    public Transition {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(change, "change");
        if (change.statusAfter() != state.status()) {
            throw new IllegalArgumentException(
                    "change ends at " + change.statusAfter() + ", state at " + state.status());
        }
    }

    /** An event that changed nothing. */
    static Transition unchanged(MessageState state) {
        return new Transition(state, StateChange.none(state.status()));
    }
}
