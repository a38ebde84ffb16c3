package io.funnelstream.engine.experiment.stats;

/**
 * The sample-ratio mismatch check: a chi-square goodness of fit of the users assigned to each variant against
 * the intended weights. A p-value below {@value #THRESHOLD} means assignment (or its recording) is broken, and
 * no result of the experiment can be trusted until that is explained: no winner is declared while it is flagged.
 *
 * @param test the goodness-of-fit test
 * @param mismatch whether the p-value is below {@value #THRESHOLD}
 */
public record SampleRatio(ChiSquareResult test, boolean mismatch) {

    /** The p-value below which the ratio is flagged. */
    public static final double THRESHOLD = 0.001;

    /** The check of {@code assigned} users per variant against {@code weights} (positive, any scale). */
    public static SampleRatio check(long[] assigned, double[] weights) {
        ChiSquareResult test = ChiSquare.goodnessOfFit(assigned, weights);
        return new SampleRatio(test, test.pValue() < THRESHOLD);
    }
}
