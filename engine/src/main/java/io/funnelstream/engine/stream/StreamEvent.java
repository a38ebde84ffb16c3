package io.funnelstream.engine.stream;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One update of a scope, computed once and sent to all its subscribers: the absolute figures, and which counters
 * changed since the previous update.
 *
 * @param id increases by one per update of the scope on this instance
 * @param figures the scope's numbers, absolute
 * @param changed per range, the counters that differ from the previous update
 */
public record StreamEvent(long id, ScopeFigures figures, Map<String, Set<String>> changed) {

    public StreamEvent {
        Objects.requireNonNull(figures, "figures");
        changed = Map.copyOf(Objects.requireNonNull(changed, "changed"));
    }
}
