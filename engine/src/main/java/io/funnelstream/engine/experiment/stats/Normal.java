package io.funnelstream.engine.experiment.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/** Quantiles and tail probabilities of the standard normal distribution (Apache Commons Statistics). */
final class Normal {

    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    private Normal() {
    }

    /** The two-sided critical value {@code z} with {@code P(|Z| > z) = 1 - level}, e.g. 1.959964 for 0.95. */
    static double twoSided(double level) {
        requireLevel(level);
        return STANDARD.inverseSurvivalProbability((1 - level) / 2);
    }

    /** The quantile {@code z} with {@code P(Z > z) = tail}. */
    static double upper(double tail) {
        return STANDARD.inverseSurvivalProbability(tail);
    }

    /** {@code P(|Z| >= |z|)}. */
    static double twoSidedPValue(double z) {
        return Math.min(1.0, 2 * STANDARD.survivalProbability(Math.abs(z)));
    }

    static void requireLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must lie in (0, 1), got " + level);
        }
    }
}
