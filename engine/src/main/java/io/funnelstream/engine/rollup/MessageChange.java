package io.funnelstream.engine.rollup;

import io.funnelstream.engine.lifecycle.StateChange;
import io.funnelstream.engine.model.EventType;
import java.time.Instant;
import java.util.Objects;

/**
 * A change of one message's state, with the event that caused it.
 *
 * @param position where the event was read
 * @param dimensions what the message counts under
 * @param change what the event changed (possibly nothing)
 * @param eventType the event's type: {@link EventType#UNKNOWN} events are counted even if they change nothing
 * @param eventTime when the event occurred: opens, clicks and unknown events count in its bucket
 */
public record MessageChange(
        LogPosition position, MessageDimensions dimensions, StateChange change, EventType eventType, Instant eventTime)
        implements Change {

    public MessageChange {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(dimensions, "dimensions");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(eventTime, "eventTime");
    }

    @Override
    public void addTo(RollupDelta.Builder delta) {
        RollupDeltas.addTo(delta, dimensions, change, eventTime);
        if (eventType == EventType.UNKNOWN) {
            RollupDeltas.addUnknownEvent(delta, dimensions, eventTime);
        }
    }
}
