package io.funnelstream.engine.alert;

import io.funnelstream.engine.metrics.Rate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where one alert stands between evaluations, and the pure step from one evaluation to the next.
 *
 * @param kind what is watched
 * @param firing whether it fires
 * @param goodStreak consecutive evaluations toward clearing, while it fires
 * @param since when it last changed status; null if it never fired
 * @param rate the rate at the last evaluation, null when there was no sample
 */
public record AlertState(AlertKind kind, boolean firing, int goodStreak, @Nullable Instant since,
        @Nullable Rate rate) {

    public AlertState {
        Objects.requireNonNull(kind, "kind");
        if (goodStreak < 0) {
            throw new IllegalArgumentException("goodStreak must not be negative: " + goodStreak);
        }
    }

    /** Never fired. */
    public static AlertState quiet(AlertKind kind) {
        return new AlertState(kind, false, 0, null, null);
    }

    /**
     * The next state after an evaluation of {@code rate} at {@code at}.
     *
     * @param rate the rate now, null when the range has no sample
     */
    public Step next(AlertRule rule, @Nullable Rate rate, Instant at) {
        AlertRule.Reading reading = rule.read(kind, rate);
        if (!firing) {
            if (reading == AlertRule.Reading.BAD) {
                AlertState fired = new AlertState(kind, true, 0, at, rate);
                return new Step(fired, Optional.of(fired.view(rule)));
            }
            return new Step(new AlertState(kind, false, 0, since, rate), Optional.empty());
        }
        if (reading != AlertRule.Reading.GOOD) {
            return new Step(new AlertState(kind, true, 0, since, rate), Optional.empty());
        }
        if (goodStreak + 1 >= rule.clearAfter()) {
            AlertState cleared = new AlertState(kind, false, 0, at, rate);
            return new Step(cleared, Optional.of(cleared.view(rule)));
        }
        return new Step(new AlertState(kind, true, goodStreak + 1, since, rate), Optional.empty());
    }

    /** The alert as clients see it; only for a state that fired at least once. */
    public Alert view(AlertRule rule) {
        Instant changed = Objects.requireNonNull(since, "a state that never fired has no view");
        return new Alert(kind, firing ? AlertStatus.FIRING : AlertStatus.RESOLVED, changed, rate, rule);
    }

    /**
     * One evaluation's outcome.
     *
     * @param state where the alert stands now
     * @param transition the alert as it fired or resolved in this evaluation, empty when its status held
     */
    public record Step(AlertState state, Optional<Alert> transition) {
        public Step {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(transition, "transition");
        }
    }
}
