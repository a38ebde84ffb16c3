package io.funnelstream.engine.experiment;

import io.funnelstream.engine.experiment.stats.SequentialTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What an experiment tests and how strictly.
 *
 * @param distribution the distribution whose recipients are split
 * @param name a label for people
 * @param variants two or more, the first being the control
 * @param metric the primary metric
 * @param alpha the false-positive rate the auto-stop keeps, in (0, 0.5); 0.05 by default, 0.01 the strict option
 * @param power the wanted power for the sample-size answer, in (0, 1)
 * @param minimumDetectableEffect the smallest absolute change of the metric's rate worth finding, in (0, 1); also
 *     the mixture's {@code τ} of the sequential test
 * @param maxSamplePerArm the most users per variant; with no winner by then the test ends with no difference found
 * @param testShare the share of recipients in the test, in (0, 1]; below 1 the rest waits for the winner
 * @param deadline when a test-then-winner experiment picks its winner at the latest; null without one
 */
public record ExperimentDesign(
        UUID distribution,
        String name,
        List<Variant> variants,
        Metric metric,
        double alpha,
        double power,
        double minimumDetectableEffect,
        long maxSamplePerArm,
        double testShare,
        @Nullable Instant deadline) {

    public static final double DEFAULT_ALPHA = 0.05;
    public static final double DEFAULT_POWER = 0.8;
    public static final double WEIGHT_TOLERANCE = 1e-6;

    public ExperimentDesign {
        variants = List.copyOf(variants);
    }

    /** The first variant, the one the others are compared with. */
    public Variant control() {
        return variants.getFirst();
    }

    /** The mixture standard deviation of the sequential test. */
    public double tau() {
        return minimumDetectableEffect > 0 ? minimumDetectableEffect : SequentialTest.DEFAULT_TAU;
    }

    /** What is wrong with this design, one sentence each; empty when it can run. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (variants.size() < 2) {
            problems.add("an experiment needs at least 2 variants, got " + variants.size());
        }
        double sum = 0;
        HashSet<String> keys = new HashSet<>();
        for (Variant v : variants) {
            if (!(v.weight() > 0 && v.weight() <= 1)) {
                problems.add("the weight of variant '" + v.key() + "' must lie in (0, 1]");
            }
            if (!v.key().matches("[a-z0-9][a-z0-9_-]{0,39}")) {
                problems.add("variant key '" + v.key() + "' must be 1-40 of a-z, 0-9, _ and -");
            }
            problems.addAll(VariantSettings.problems(v));
            if (!keys.add(v.key())) {
                problems.add("variant key '" + v.key() + "' is used twice");
            }
            sum += v.weight();
        }
        if (!variants.isEmpty() && Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
            problems.add("the weights must sum to 1, they sum to " + sum);
        }
        if (!(alpha > 0 && alpha < 0.5)) {
            problems.add("alpha must lie in (0, 0.5), got " + alpha);
        }
        if (!(power > 0 && power < 1)) {
            problems.add("power must lie in (0, 1), got " + power);
        }
        if (!(minimumDetectableEffect > 0 && minimumDetectableEffect < 1)) {
            problems.add("the minimum detectable effect must lie in (0, 1), got " + minimumDetectableEffect);
        }
        if (maxSamplePerArm < SequentialTest.MINIMUM_TRIALS) {
            problems.add("the maximum sample per arm must be at least " + SequentialTest.MINIMUM_TRIALS);
        }
        if (!(testShare > 0 && testShare <= 1)) {
            problems.add("the test share must lie in (0, 1], got " + testShare);
        }
        if (name.isBlank()) {
            problems.add("an experiment needs a name");
        }
        return problems;
    }
}
