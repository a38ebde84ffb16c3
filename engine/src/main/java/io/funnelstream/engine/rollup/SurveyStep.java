package io.funnelstream.engine.rollup;

import java.util.Locale;

/**
 * A step of the survey funnel as counted in rollups: each has a total counter (every event) and a unique
 * counter (the first such event of a recipient for a message), both by the event's time.
 */
public enum SurveyStep {
    VIEWED,
    STARTED,
    COMPLETED,
    ABANDONED;

    /** {@code funnel.<step>}: every event of this step. */
    public String totalCounter() {
        return Counter.FUNNEL_PREFIX + name().toLowerCase(Locale.ROOT);
    }

    /** {@code funnel.<step>.unique}: recipients who took this step, counted once each. */
    public String uniqueCounter() {
        return totalCounter() + ".unique";
    }
}
