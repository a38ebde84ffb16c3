package io.funnelstream.engine.experiment.stats;

/**
 * An always-valid test of the difference of two proportions: the mixture sequential probability ratio test
 * (mSPRT) with a normal mixture, as in Johari, Koomen, Pekelis and Walsh, "Always Valid Inference: Continuous
 * Monitoring of A/B Tests" (Operations Research 2022), in its large-sample form for two proportions.
 *
 * <p>With {@code d = p̂1 - p̂2} (variant minus control) and its estimated variance
 * {@code V = p̂1q̂1/n1 + p̂2q̂2/n2}, the mixture of the likelihood ratio over a prior {@code θ ~ N(0, τ²)} on the true
 * difference is
 * <pre>
 *   Λ = sqrt(V / (V + τ²)) · exp( τ² d² / (2 V (V + τ²)) )
 * </pre>
 * and {@code 1/Λ} is a p-value that stays valid however often it is looked at (Ville's inequality): the chance that
 * it ever drops below {@code α} when nothing differs is at most {@code α}. Inverting it gives the always-valid
 * confidence interval
 * <pre>
 *   d ± sqrt( V (V + τ²) / τ² · (2 ln(1/α) + ln((V + τ²) / V)) )
 * </pre>
 * A monitor keeps the running minimum of the p-value (the intersection of the intervals) over its looks; one look
 * at current counts gives exactly the formulas above.
 *
 * <p>The tuning parameter is {@code τ}, the standard deviation of the mixture, on the scale of the absolute
 * difference of rates: the test is most powerful for true differences of about {@code τ}, so the experiment's
 * minimum detectable effect is the natural choice ({@link #DEFAULT_TAU} = 0.02 when none is given). Any {@code τ}
 * keeps the error rate; a poor one only costs users.
 *
 * <p>It may stop only once each arm has at least {@value #MINIMUM_TRIALS} trials and {@value #MINIMUM_OUTCOMES}
 * successes and failures, so that the normal approximation behind {@code V} holds.
 *
 * @param difference {@code d}, variant minus control
 * @param interval the always-valid interval for the difference at this look, within {@code [-1, 1]}
 * @param pValue the always-valid p-value {@code min(1, 1/Λ)} at this look
 * @param minimumReached whether both arms have the minimum counts
 * @param significant whether the interval excludes 0 and the minimum counts are reached: the test may stop
 */
public record SequentialTest(
        double difference, Interval interval, double pValue, boolean minimumReached, boolean significant) {

    public static final double DEFAULT_TAU = 0.02;
    public static final long MINIMUM_TRIALS = 100;
    public static final long MINIMUM_OUTCOMES = 5;

    /**
     * The test of {@code variant - control} at level {@code alpha} with mixture standard deviation {@code tau}.
     * With an empty arm, or no spread in either arm, it knows nothing: interval {@code [-1, 1]}, p-value 1.
     */
    public static SequentialTest of(Proportion control, Proportion variant, double alpha, double tau) {
        if (!(alpha > 0 && alpha < 1) || !(tau > 0) || !Double.isFinite(tau)) {
            throw new IllegalArgumentException("need 0 < alpha < 1 and tau > 0");
        }
        boolean minimum = hasMinimum(control) && hasMinimum(variant);
        double d = variant.rate() - control.rate();
        double v = Intervals.variance(control) + Intervals.variance(variant);
        if (control.isEmpty() || variant.isEmpty() || !(v > 0)) {
            return new SequentialTest(d, new Interval(-1, 1), 1, minimum, false);
        }
        double t2 = tau * tau;
        double logLambda = 0.5 * Math.log(v / (v + t2)) + t2 * d * d / (2 * v * (v + t2));
        double pValue = Math.min(1, Math.exp(-logLambda));
        double half = Math.sqrt(v * (v + t2) / t2 * (2 * Math.log(1 / alpha) + Math.log1p(t2 / v)));
        Interval interval = Interval.clamped(d - half, d + half, -1, 1);
        return new SequentialTest(d, interval, pValue, minimum, minimum && interval.excludesZero());
    }

    private static boolean hasMinimum(Proportion p) {
        return p.trials() >= MINIMUM_TRIALS && p.successes() >= MINIMUM_OUTCOMES && p.failures() >= MINIMUM_OUTCOMES;
    }
}
