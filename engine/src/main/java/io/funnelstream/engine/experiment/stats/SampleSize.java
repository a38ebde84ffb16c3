package io.funnelstream.engine.experiment.stats;

/**
 * Users needed per arm to detect a change of a rate from {@code baseline} to {@code baseline + effect} with a
 * two-sided test at {@code alpha} and the given power, rounded up.
 *
 * @param pooledVariance the classic formula (Fleiss; R's {@code power.prop.test}, non-strict):
 *     {@code n = (z_{1-α/2} sqrt(2 p̄ q̄) + z_{1-β} sqrt(p1 q1 + p2 q2))² / (p2 - p1)²}, {@code p̄ = (p1 + p2) / 2}
 * @param cohensH Cohen's arcsine effect size {@code h = |2 asin sqrt(p2) - 2 asin sqrt(p1)|} (R's
 *     {@code pwr.2p.test}): {@code n = 2 ((z_{1-α/2} + z_{1-β}) / h)²}
 */
public record SampleSize(long pooledVariance, long cohensH) {

    /**
     * The sample sizes.
     *
     * @param baseline the control's rate, in (0, 1)
     * @param effect the absolute minimum detectable effect, non-zero, with {@code baseline + effect} in [0, 1]
     * @param alpha the two-sided significance level, in (0, 0.5)
     * @param power the wanted power, in (0, 1)
     * @throws IllegalArgumentException for inputs outside those ranges
     */
    public static SampleSize perArm(double baseline, double effect, double alpha, double power) {
        double p1 = baseline;
        double p2 = baseline + effect;
        if (!(p1 > 0 && p1 < 1) || !(p2 >= 0 && p2 <= 1) || !(effect != 0)) {
            throw new IllegalArgumentException("need 0 < baseline < 1, effect != 0, 0 <= baseline + effect <= 1");
        }
        if (!(alpha > 0 && alpha < 0.5) || !(power > 0 && power < 1)) {
            throw new IllegalArgumentException("need 0 < alpha < 0.5 and 0 < power < 1");
        }
        double za = Normal.upper(alpha / 2);
        double zb = Normal.upper(1 - power);
        double mean = (p1 + p2) / 2;
        double root = za * Math.sqrt(2 * mean * (1 - mean)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        double classic = root * root / (effect * effect);
        double h = Math.abs(2 * Math.asin(Math.sqrt(p2)) - 2 * Math.asin(Math.sqrt(p1)));
        double arcsine = 2 * Math.pow((za + zb) / h, 2);
        return new SampleSize(roundUp(classic), roundUp(arcsine));
    }

    private static long roundUp(double n) {
        // a hair below an integer from rounding error is that integer, not the next one
        return Math.max(1, (long) Math.ceil(n - 1e-9));
    }
}
