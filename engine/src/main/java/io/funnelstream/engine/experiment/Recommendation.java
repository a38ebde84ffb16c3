package io.funnelstream.engine.experiment;

import org.jspecify.annotations.Nullable;

/**
 * What to do with an experiment now.
 *
 * @param decision the decision
 * @param winner the winning variant when the decision names one
 * @param reason one sentence for people
 */
public record Recommendation(Decision decision, @Nullable String winner, String reason) {

    /** The possible decisions, from the analysis of the current counts. */
    public enum Decision {
        /** Not enough evidence yet: keep sending. */
        KEEP_RUNNING,
        /** The always-valid interval of a comparison excludes 0: the winner may be sent to everyone. */
        DECLARE_WINNER,
        /** Every arm reached the maximum sample with no difference found: stop; the control stays. */
        STOP_NO_DIFFERENCE,
        /** The deadline of a test-then-winner experiment passed: the best observed rate goes to the remainder. */
        DEADLINE_WINNER,
        /** Assignment counts do not match the weights (sample-ratio mismatch): fix that before reading results. */
        CHECK_ASSIGNMENT
    }
}
