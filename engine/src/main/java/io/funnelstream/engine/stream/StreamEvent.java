package io.funnelstream.engine.stream;

import io.funnelstream.engine.alert.AlertEvaluation;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One update of a scope, computed once and sent to all its subscribers: the absolute figures, and which counters
 * changed since the previous update, and the scope's alerts: those that fired or resolved with this update, and
 * all that fire after it.
 *
 * @param id increases by one per update of the scope on this instance
 * @param figures the scope's numbers, absolute
 * @param changed per range, the counters that differ from the previous update
 * @param alerts the alerts' transitions in this update, and the alerts firing after it
 */
public record StreamEvent(long id, ScopeFigures figures, Map<String, Set<String>> changed, AlertEvaluation alerts) {

    public StreamEvent {
        Objects.requireNonNull(figures, "figures");
        changed = Map.copyOf(Objects.requireNonNull(changed, "changed"));
        Objects.requireNonNull(alerts, "alerts");
    }

    /** An update without alerts. */
    public StreamEvent(long id, ScopeFigures figures, Map<String, Set<String>> changed) {
        this(id, figures, changed, AlertEvaluation.NONE);
    }
}
