package io.funnelstream.engine.experiment;

import io.funnelstream.engine.experiment.Recommendation.Decision;
import io.funnelstream.engine.experiment.stats.ChiSquare;
import io.funnelstream.engine.experiment.stats.Intervals;
import io.funnelstream.engine.experiment.stats.Proportion;
import io.funnelstream.engine.experiment.stats.SampleRatio;
import io.funnelstream.engine.experiment.stats.SequentialTest;
import io.funnelstream.engine.experiment.stats.ZTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns per-variant counts into results and a recommendation. The rules, in order:
 * <ol>
 *   <li>a winner already recorded stays the winner (a sequential decision is final);
 *   <li>a sample-ratio mismatch (p &lt; 0.001) blocks every winner: check assignment first;
 *   <li>a variant whose always-valid interval against the control lies above 0 wins (the largest difference among
 *       several); the control wins when every other variant's interval lies below 0;
 *   <li>every arm at the maximum sample with no winner: stop, no difference; the control stays;
 *   <li>past the deadline of an experiment with one: the variant with the best observed rate wins (the earlier
 *       variant on a tie, so the control when nothing differs), so the remainder is never left waiting;
 *   <li>otherwise keep running.
 * </ol>
 * With K variants each comparison uses {@code alpha / (K - 1)} (Bonferroni), so the chance of any false winner
 * stays within alpha.
 */
public final class ExperimentAnalysis {

    private ExperimentAnalysis() {
    }

    /** The results of {@code experiment} from test-audience counts per variant key (missing keys count 0). */
    public static ExperimentResults analyze(
            Experiment experiment, Map<String, Long> assigned, Map<String, Proportion> outcomes, Instant now) {
        ExperimentDesign design = experiment.design();
        List<VariantResult> variants = new ArrayList<>();
        long[] counts = new long[design.variants().size()];
        double[] weights = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            Variant v = design.variants().get(i);
            Proportion outcome = outcomes.getOrDefault(v.key(), new Proportion(0, 0));
            counts[i] = assigned.getOrDefault(v.key(), 0L);
            weights[i] = v.weight();
            variants.add(new VariantResult(v.key(), v.weight(), counts[i], outcome,
                    Intervals.wilson(outcome, 0.95), Intervals.wilson(outcome, 0.99)));
        }
        List<Comparison> comparisons = new ArrayList<>();
        double alpha = design.alpha() / Math.max(1, variants.size() - 1);
        for (int i = 1; i < variants.size(); i++) {
            comparisons.add(compare(variants.getFirst(), variants.get(i), alpha, design.tau()));
        }
        SampleRatio ratio = SampleRatio.check(counts, weights);
        var chi = ChiSquare.independence(variants.stream().map(VariantResult::outcome).toList());
        Recommendation recommendation = recommend(experiment, variants, comparisons, ratio, now);
        return new ExperimentResults(experiment, variants, comparisons, chi, ratio, recommendation, now);
    }

    static Comparison compare(VariantResult control, VariantResult variant, double alpha, double tau) {
        Proportion c = control.outcome();
        Proportion v = variant.outcome();
        return new Comparison(variant.variant(), control.variant(), v.rate() - c.rate(),
                Intervals.newcombe(c, v, 0.95), Intervals.newcombe(c, v, 0.99), Intervals.wald(c, v, 0.95),
                ZTest.pooled(c, v), SequentialTest.of(c, v, alpha, tau));
    }

    private static Recommendation recommend(Experiment experiment, List<VariantResult> variants,
            List<Comparison> comparisons, SampleRatio ratio, Instant now) {
        if (experiment.winner() != null) {
            return new Recommendation(Decision.DECLARE_WINNER, experiment.winner(),
                    "the winner was recorded (" + experiment.winnerReason() + ") and stays");
        }
        if (ratio.mismatch()) {
            return new Recommendation(Decision.CHECK_ASSIGNMENT, null, "assigned counts do not match the weights"
                    + " (sample-ratio mismatch, p = " + ratio.test().pValue() + "): no winner until explained");
        }
        Optional<Comparison> better = comparisons.stream()
                .filter(c -> c.sequential().significant() && c.difference() > 0)
                .max(Comparator.comparingDouble(Comparison::difference));
        if (better.isPresent()) {
            return new Recommendation(Decision.DECLARE_WINNER, better.get().variant(),
                    "its always-valid interval against the control lies above 0");
        }
        if (!comparisons.isEmpty() && comparisons.stream()
                .allMatch(c -> c.sequential().significant() && c.difference() < 0)) {
            return new Recommendation(Decision.DECLARE_WINNER, variants.getFirst().variant(),
                    "every other variant's always-valid interval against the control lies below 0");
        }
        long max = experiment.design().maxSamplePerArm();
        if (variants.stream().allMatch(v -> v.outcome().trials() >= max)) {
            return new Recommendation(Decision.STOP_NO_DIFFERENCE, null,
                    "every variant reached the maximum sample of " + max + " with no difference found");
        }
        var deadline = experiment.design().deadline();
        if (deadline != null && !now.isBefore(deadline)) {
            VariantResult best = variants.getFirst();
            for (VariantResult v : variants) {
                best = v.rate() > best.rate() ? v : best;
            }
            return new Recommendation(Decision.DEADLINE_WINNER, best.variant(),
                    "the deadline passed without a significant winner: the best observed rate goes to the rest");
        }
        return new Recommendation(Decision.KEEP_RUNNING, null, "not enough evidence yet");
    }
}
