package io.funnelstream.engine.experiment.stats;

/**
 * A closed interval {@code [lower, upper]} of finite numbers.
 *
 * @param lower the lower bound
 * @param upper the upper bound, never below {@code lower}
 */
public record Interval(double lower, double upper) {

    public Interval {
        if (!Double.isFinite(lower) || !Double.isFinite(upper) || lower > upper) {
            throw new IllegalArgumentException("not an interval: [" + lower + ", " + upper + "]");
        }
    }

    /** {@code [lower, upper]} clamped into {@code [min, max]}. */
    static Interval clamped(double lower, double upper, double min, double max) {
        double lo = Math.max(min, Math.min(max, lower));
        double hi = Math.max(min, Math.min(max, upper));
        return new Interval(lo, Math.max(lo, hi));
    }

    public boolean contains(double value) {
        return lower <= value && value <= upper;
    }

    /** Whether 0 lies outside, so that a difference with this interval has a sign. */
    public boolean excludesZero() {
        return !contains(0.0);
    }

    public double width() {
        return upper - lower;
    }
}
