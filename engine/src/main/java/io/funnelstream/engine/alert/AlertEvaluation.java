package io.funnelstream.engine.alert;

import java.util.List;
import java.util.Objects;

/**
 * What one evaluation of a scope's alerts found.
 *
 * @param transitions the alerts that fired or resolved in this evaluation
 * @param firing every alert that fires after it
 */
public record AlertEvaluation(List<Alert> transitions, List<Alert> firing) {

    public static final AlertEvaluation NONE = new AlertEvaluation(List.of(), List.of());

    public AlertEvaluation {
        transitions = List.copyOf(Objects.requireNonNull(transitions, "transitions"));
        firing = List.copyOf(Objects.requireNonNull(firing, "firing"));
    }
}
