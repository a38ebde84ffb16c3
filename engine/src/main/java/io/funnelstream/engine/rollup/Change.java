package io.funnelstream.engine.rollup;

import io.funnelstream.engine.lifecycle.MessageState;
import io.funnelstream.engine.lifecycle.StateChange;
import io.funnelstream.engine.model.EventType;
import java.time.Instant;

/**
 * Something the pipeline did with one log record, as the rollups see it: where it came from and what it
 * adds. Every record read yields a change, even one that adds nothing (a duplicate), so that windows cover
 * every offset.
 */
public interface Change {

    /** Where in the log the change came from. */
    LogPosition position();

    /** Adds the change's increments to {@code delta}. */
    void addTo(RollupDelta.Builder delta);

    /** A message's state changed because of an event of {@code eventType} that occurred at {@code eventTime}. */
    static Change ofMessage(
            LogPosition position,
            MessageDimensions dimensions,
            StateChange change,
            EventType eventType,
            Instant eventTime) {
        return new MessageChange(position, dimensions, change, eventType, eventTime);
    }

    /**
     * A message created in the state {@code initial}: each stage of it counts once. Its increments go straight into
     * the window's delta, with no delta of its own to build and merge.
     */
    static Change ofNewMessage(LogPosition position, MessageDimensions dimensions, MessageState initial) {
        return new NewMessageChange(position, dimensions, initial);
    }

    /** Increments computed elsewhere (survey funnel steps, response times, unknown events of no message). */
    static Change of(LogPosition position, RollupDelta delta) {
        return new DeltaChange(position, delta);
    }

    /** A record that adds nothing but must still be covered by a window. */
    static Change nothing(LogPosition position) {
        return new DeltaChange(position, RollupDelta.empty());
    }
}
