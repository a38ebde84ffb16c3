package io.funnelstream.engine.experiment.stats;

/**
 * The outcome of a chi-square test.
 *
 * @param statistic the chi-square statistic, {@code >= 0}
 * @param degreesOfFreedom the degrees of freedom of the reference distribution; 0 when there was nothing to compare
 * @param pValue the probability of a statistic at least this large under the null hypothesis
 * @param yatesCorrected whether Yates' continuity correction was applied (2x2 tables only)
 */
public record ChiSquareResult(double statistic, int degreesOfFreedom, double pValue, boolean yatesCorrected) {

    /** Nothing to compare (one variant, an empty table, or no variation in the outcome): statistic 0, p 1. */
    static ChiSquareResult nothingToCompare(int degreesOfFreedom) {
        return new ChiSquareResult(0, degreesOfFreedom, 1, false);
    }
}
