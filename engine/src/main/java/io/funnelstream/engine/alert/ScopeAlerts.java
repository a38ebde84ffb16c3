package io.funnelstream.engine.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The alerts of one tenant's scope: the state of each kind, stepped once per evaluation. An evaluation of the
 * same inputs under the same rules as the last one is not a new evaluation (it steps nothing), so reading alerts
 * again, or a notice that changed nothing, never advances a streak. Thread-safe.
 */
public final class ScopeAlerts {

    private final Map<AlertKind, AlertState> states = new EnumMap<>(AlertKind.class);
    private final Map<AlertKind, AlertRule> rulesUsed = new EnumMap<>(AlertKind.class);
    private @Nullable AlertInputs lastInputs;
    private @Nullable AlertRules lastRules;

    public ScopeAlerts() {
        for (AlertKind kind : AlertKind.values()) {
            states.put(kind, AlertState.quiet(kind));
            rulesUsed.put(kind, AlertRule.defaultFor(kind));
        }
    }

    /** Steps every kind with these inputs, unless they and the rules are those of the last evaluation. */
    public synchronized AlertEvaluation evaluate(AlertRules rules, AlertInputs inputs, Instant at) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(at, "at");
        if (inputs.equals(lastInputs) && rules.equals(lastRules)) {
            return new AlertEvaluation(List.of(), firing());
        }
        lastInputs = inputs;
        lastRules = rules;
        List<Alert> transitions = new ArrayList<>();
        for (AlertKind kind : AlertKind.values()) {
            AlertRule rule = rules.rule(kind);
            AlertState.Step step = states.get(kind).next(rule, inputs.rate(kind), at);
            states.put(kind, step.state());
            rulesUsed.put(kind, rule);
            step.transition().ifPresent(transitions::add);
        }
        return new AlertEvaluation(transitions, firing());
    }

    /** The alerts that fire now. */
    public synchronized List<Alert> firing() {
        List<Alert> out = new ArrayList<>();
        states.forEach((kind, state) -> {
            if (state.firing()) {
                out.add(state.view(rulesUsed.get(kind)));
            }
        });
        return out;
    }

    /** True when no alert fires. */
    public synchronized boolean isQuiet() {
        return states.values().stream().noneMatch(AlertState::firing);
    }
}
