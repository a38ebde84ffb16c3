package io.funnelstream.engine.alert;

import io.funnelstream.engine.metrics.Rate;
import org.jspecify.annotations.Nullable;

/**
 * When an alert fires and when it clears.
 *
 * <p>It fires on the first evaluation whose rate is on the bad side of {@code threshold} (strictly) out of at least
 * {@code minSample}. Once firing it clears only after {@code clearAfter} consecutive evaluations on the good side of
 * {@code threshold -/+ margin}; an evaluation in between (inside the margin, or with fewer than {@code minSample})
 * starts that count again. A range with no sample at all counts as good: nothing is going wrong in it.
 *
 * @param threshold the rate beyond which the alert fires, 0..1
 * @param minSample the smallest denominator (messages sent, webhook requests) that can fire the alert; at least 1
 * @param margin how far back past the threshold the rate must come to count toward clearing, 0..1
 * @param clearAfter how many consecutive good evaluations clear a firing alert, 1..1000
 */
public record AlertRule(double threshold, long minSample, double margin, int clearAfter) {

    public static final long DEFAULT_MIN_SAMPLE = 100;
    public static final int DEFAULT_CLEAR_AFTER = 3;

    public AlertRule {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be within 0..1: " + threshold);
        }
        if (!(margin >= 0 && margin <= 1)) {
            throw new IllegalArgumentException("margin must be within 0..1: " + margin);
        }
        if (minSample < 1) {
            throw new IllegalArgumentException("minSample must be at least 1: " + minSample);
        }
        if (clearAfter < 1 || clearAfter > 1_000) {
            throw new IllegalArgumentException("clearAfter must be within 1..1000: " + clearAfter);
        }
    }

    /** The rule a tenant has until it sets its own. */
    public static AlertRule defaultFor(AlertKind kind) {
        return new AlertRule(kind.defaultThreshold(), DEFAULT_MIN_SAMPLE, kind.defaultMargin(), DEFAULT_CLEAR_AFTER);
    }

    /** How one evaluation's rate counts. */
    enum Reading {
        /** Beyond the threshold with enough sample: fires. */
        BAD,
        /** Back past the margin with enough sample, or no sample at all: counts toward clearing. */
        GOOD,
        /** Inside the margin, or too small a sample: neither. */
        NEUTRAL
    }

    Reading read(AlertKind kind, @Nullable Rate rate) {
        if (rate == null) {
            return Reading.GOOD;
        }
        if (rate.denominator() < minSample) {
            return Reading.NEUTRAL;
        }
        double value = rate.value();
        boolean above = kind.direction() == AlertKind.Direction.ABOVE;
        if (above ? value > threshold : value < threshold) {
            return Reading.BAD;
        }
        if (above ? value < threshold - margin : value > threshold + margin) {
            return Reading.GOOD;
        }
        return Reading.NEUTRAL;
    }
}
