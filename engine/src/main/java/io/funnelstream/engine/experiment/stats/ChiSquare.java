package io.funnelstream.engine.experiment.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.inference.ChiSquareTest;

/**
 * Pearson chi-square tests: independence of variant and outcome over a 2 x K table, and goodness of fit of counts
 * against intended weights (Apache Commons Statistics computes the tails).
 */
public final class ChiSquare {

    private ChiSquare() {
    }

    /**
     * The test of independence of the K x 2 table of successes and failures per variant. Empty variants are left
     * out (they carry no information). With two variants left, Yates' continuity correction applies, as R's
     * {@code chisq.test} does: {@code sum (|O - E| - min(0.5, |O - E|))² / E}, so no deviation shrinks past zero.
     * When fewer than two variants have trials, or no trial (or every trial) succeeded, there is nothing to compare:
     * statistic 0, p-value 1.
     */
    public static ChiSquareResult independence(List<Proportion> variants) {
        List<Proportion> present = new ArrayList<>();
        long successes = 0;
        long trials = 0;
        for (Proportion p : variants) {
            if (!p.isEmpty()) {
                present.add(p);
                successes += p.successes();
                trials += p.trials();
            }
        }
        int df = Math.max(0, present.size() - 1);
        if (present.size() < 2 || successes == 0 || successes == trials) {
            return ChiSquareResult.nothingToCompare(df);
        }
        if (present.size() > 2) {
            long[][] table = new long[present.size()][];
            for (int i = 0; i < table.length; i++) {
                table[i] = new long[] {present.get(i).successes(), present.get(i).failures()};
            }
            var result = ChiSquareTest.withDefaults().test(table);
            return new ChiSquareResult(result.getStatistic(), df, result.getPValue(), false);
        }
        double statistic = 0;
        double successShare = (double) successes / trials;
        for (Proportion p : present) {
            statistic += yatesTerm(p.successes(), p.trials() * successShare);
            statistic += yatesTerm(p.failures(), p.trials() * (1 - successShare));
        }
        return new ChiSquareResult(statistic, 1, tail(statistic, 1), true);
    }

    /**
     * Pearson's goodness of fit of {@code observed} counts against the shares {@code weights} (positive, any
     * scale). Nothing to compare (statistic 0, p 1) with fewer than two categories or no counts at all.
     */
    public static ChiSquareResult goodnessOfFit(long[] observed, double[] weights) {
        if (observed.length != weights.length) {
            throw new IllegalArgumentException("one weight per count needed");
        }
        long total = 0;
        double weightSum = 0;
        for (int i = 0; i < observed.length; i++) {
            if (observed[i] < 0 || !(weights[i] > 0) || !Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("counts must be >= 0 and weights > 0");
            }
            total += observed[i];
            weightSum += weights[i];
        }
        int df = Math.max(0, observed.length - 1);
        if (observed.length < 2 || total == 0) {
            return ChiSquareResult.nothingToCompare(df);
        }
        double[] expected = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            expected[i] = total * weights[i] / weightSum;
        }
        var result = ChiSquareTest.withDefaults().test(expected, observed);
        return new ChiSquareResult(result.getStatistic(), df, result.getPValue(), false);
    }

    private static double yatesTerm(long observed, double expected) {
        double deviation = Math.abs(observed - expected);
        double corrected = deviation - Math.min(0.5, deviation);
        return corrected * corrected / expected;
    }

    static double tail(double statistic, int degreesOfFreedom) {
        return ChiSquaredDistribution.of(degreesOfFreedom).survivalProbability(statistic);
    }
}
