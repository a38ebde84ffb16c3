package io.funnelstream.engine.experiment.stats;

/**
 * The two-proportion z-test with the pooled variance: {@code z = (p1 - p2) / sqrt(p̄(1 - p̄)(1/n1 + 1/n2))},
 * {@code p̄} the rate of both arms together, two-sided p-value. Its square is the uncorrected 2x2 chi-square.
 *
 * @param z the statistic, {@code variant - control}; 0 when there is nothing to compare
 * @param pValue the two-sided p-value; 1 when there is nothing to compare
 */
public record ZTest(double z, double pValue) {

    /**
     * The test of {@code variant - control}. An empty arm, or arms with no success (or only successes) between them,
     * leave nothing to compare: {@code z = 0}, {@code p = 1}.
     */
    public static ZTest pooled(Proportion control, Proportion variant) {
        if (control.isEmpty() || variant.isEmpty()) {
            return new ZTest(0, 1);
        }
        double n1 = variant.trials();
        double n2 = control.trials();
        double pooled = (double) (variant.successes() + control.successes()) / (n1 + n2);
        double variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
        if (!(variance > 0)) {
            return new ZTest(0, 1);
        }
        double z = (variant.rate() - control.rate()) / Math.sqrt(variance);
        return new ZTest(z, Normal.twoSidedPValue(z));
    }
}
