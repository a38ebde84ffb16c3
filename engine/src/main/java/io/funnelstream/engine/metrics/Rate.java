package io.funnelstream.engine.metrics;

import java.util.Optional;

/**
 * A ratio of two counts, kept as the counts so a reader sees what it rests on. There is no rate of a zero
 * denominator: {@link #of} gives empty rather than 0 or NaN.
 *
 * @param numerator what is counted
 * @param denominator out of how many; positive
 */
public record Rate(long numerator, long denominator) {

    public Rate {
        if (denominator <= 0) {
            throw new IllegalArgumentException("a rate needs a positive denominator: " + denominator);
        }
    }

    /** The rate, or empty when the denominator is not positive. */
    public static Optional<Rate> of(long numerator, long denominator) {
        return denominator > 0 ? Optional.of(new Rate(numerator, denominator)) : Optional.empty();
    }

    /** numerator / denominator. */
    public double value() {
        return (double) numerator / denominator;
    }
}
