package io.funnelstream.engine.rollup;

import io.funnelstream.engine.lifecycle.MessageState;
import java.util.List;
import java.util.Objects;

/**
 * A message created by the record at {@code position}: adds what {@link RollupDeltas#ofNewMessage} holds.
 *
 * @param position where the record was read
 * @param dimensions what the message counts under
 * @param initial the state it was created in
 */
record NewMessageChange(LogPosition position, MessageDimensions dimensions, MessageState initial) implements Change {

    NewMessageChange {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(dimensions, "dimensions");
        Objects.requireNonNull(initial, "initial");
    }

    @Override
    public void addTo(RollupDelta.Builder delta) {
        RollupDeltas.addFinalState(delta, dimensions, initial, List.of());
    }
}
