package io.funnelstream.engine.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The last few updates of a scope, for clients that reconnect; thread-safe. */
final class ReplayRing {

    private final int capacity;
    private final ArrayDeque<StreamEvent> events;

    ReplayRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.events = new ArrayDeque<>(capacity);
    }

    synchronized void add(StreamEvent event) {
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(event);
    }

    /**
     * The updates after {@code lastSeen} up to {@code upTo}, both ids, when the ring still holds every one of
     * them; empty when some are gone (the client needs a snapshot).
     */
    synchronized Optional<List<StreamEvent>> between(long lastSeen, long upTo) {
        List<StreamEvent> out = new ArrayList<>();
        long expected = lastSeen + 1;
        for (StreamEvent event : events) {
            if (event.id() > lastSeen && event.id() <= upTo) {
                if (event.id() != expected) {
                    return Optional.empty();
                }
                out.add(event);
                expected++;
            }
        }
        return expected == upTo + 1 ? Optional.of(out) : Optional.empty();
    }
}
