package io.funnelstream.engine.rollup;

import io.funnelstream.engine.model.SurveyEventType;
import java.util.Locale;
import java.util.Optional;

/**
 * A step of the survey funnel as counted in rollups: each has a total counter (every event) and a unique
 * counter (the first such event of a recipient for a message), both by the event's time.
 */
public enum SurveyStep {
    VIEWED,
    STARTED,
    COMPLETED,
    ABANDONED;

    private final String total = Counter.canonical(Counter.FUNNEL_PREFIX + name().toLowerCase(Locale.ROOT));
    private final String unique = Counter.canonical(total + ".unique");

    /** {@code funnel.<step>}: every event of this step. */
    public String totalCounter() {
        return total;
    }

    /** {@code funnel.<step>.unique}: recipients who took this step, counted once each. */
    public String uniqueCounter() {
        return unique;
    }

    /** The step an event of {@code type} counts in, if any (progress counts in none). */
    public static Optional<SurveyStep> of(SurveyEventType type) {
        return switch (type) {
            case VIEWED -> Optional.of(VIEWED);
            case STARTED -> Optional.of(STARTED);
            case COMPLETED -> Optional.of(COMPLETED);
            case ABANDONED -> Optional.of(ABANDONED);
            case PROGRESS -> Optional.empty();
        };
    }
}
