package io.funnelstream.benchmarks.experiment;

import io.funnelstream.engine.experiment.Experiment;
import io.funnelstream.engine.experiment.ExperimentAnalysis;
import io.funnelstream.engine.experiment.ExperimentDesign;
import io.funnelstream.engine.experiment.ExperimentStatus;
import io.funnelstream.engine.experiment.Metric;
import io.funnelstream.engine.experiment.Recommendation.Decision;
import io.funnelstream.engine.experiment.Variant;
import io.funnelstream.engine.experiment.stats.ChiSquare;
import io.funnelstream.engine.experiment.stats.Proportion;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * Simulated two-arm experiments, looked at every {@code look} users per arm up to {@code max} per arm, each look
 * judged two ways by the same harness: the product's decision ({@link ExperimentAnalysis}, whose auto-stop is the
 * always-valid mSPRT) and a naive analyst who stops at the first chi-square p-value below alpha. Users arrive in
 * blocks: each look adds a binomial number of successes, not one draw per user. Seeded, so a run repeats exactly.
 *
 * <p>Run by hand (see benchmarks/RESULTS.md): {@code java -cp $CP
 * io.funnelstream.benchmarks.experiment.AbSimulation [experiments] [seed]}.
 */
public final class AbSimulation {

    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");

    private final int look;
    private final int max;
    private final double alpha;
    private final Experiment experiment;

    /** A harness for arms of {@code look} users per look up to {@code max} per arm, at level {@code alpha}. */
    public AbSimulation(int look, int max, double alpha, double minimumDetectableEffect) {
        this.look = look;
        this.max = max;
        this.alpha = alpha;
        ExperimentDesign design = new ExperimentDesign(UUID.randomUUID(), "simulated",
                List.of(new Variant("a", 0.5, Map.of()), new Variant("b", 0.5, Map.of())),
                Metric.RESPONSE, alpha, 0.8, minimumDetectableEffect, max, 1, null);
        this.experiment = new Experiment(UUID.randomUUID(), design, ExperimentStatus.RUNNING, null, null, NOW);
    }

    /**
     * The outcome of many experiments.
     *
     * @param experiments how many were simulated
     * @param autoStopWinners how many the product's auto-stop declared a winner in
     * @param naiveWinners how many the naive repeated chi-square stopped with p &lt; alpha
     * @param meanStoppingSize mean users per arm when the auto-stop declared a winner (0 when it never did)
     * @param correctWinners auto-stop winners that were the truly better arm (b when b's rate is higher)
     */
    public record Summary(int experiments, int autoStopWinners, int naiveWinners, double meanStoppingSize,
            int correctWinners) {

        public double autoStopRate() {
            return (double) autoStopWinners / experiments;
        }

        public double naiveRate() {
            return (double) naiveWinners / experiments;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d experiments: auto-stop winners %d (%.2f%%, %d the better arm),"
                    + " mean stopping size %.0f per arm; naive repeated chi-square %d (%.2f%%)", experiments,
                    autoStopWinners, 100 * autoStopRate(), correctWinners, meanStoppingSize, naiveWinners,
                    100 * naiveRate());
        }
    }

    /** Simulates {@code experiments} experiments with true rates {@code pa} (control) and {@code pb}. */
    public Summary run(int experiments, double pa, double pb, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        UniformRandomProvider rng = random::nextLong;
        var arm = BinomialDistribution.of(look, pa).createSampler(rng);
        var other = BinomialDistribution.of(look, pb).createSampler(rng);
        int autoStop = 0;
        int naive = 0;
        int correct = 0;
        long stoppingSizes = 0;
        for (int e = 0; e < experiments; e++) {
            long sa = 0;
            long sb = 0;
            boolean naiveStopped = false;
            boolean autoStopped = false;
            // both analysts watch the same arms; the experiment ends when both have stopped or at the maximum
            for (int n = look; n <= max && !(naiveStopped && autoStopped); n += look) {
                sa += arm.sample();
                sb += other.sample();
                Proportion a = new Proportion(sa, n);
                Proportion b = new Proportion(sb, n);
                if (!naiveStopped && ChiSquare.independence(List.of(a, b)).pValue() < alpha) {
                    naiveStopped = true;
                    naive++;
                }
                if (!autoStopped) {
                    var decision = ExperimentAnalysis.analyze(experiment, Map.of("a", (long) n, "b", (long) n),
                            Map.of("a", a, "b", b), NOW).recommendation();
                    if (decision.decision() == Decision.DECLARE_WINNER) {
                        autoStopped = true;
                        autoStop++;
                        stoppingSizes += n;
                        correct += "b".equals(decision.winner()) == (pb > pa) ? 1 : 0;
                    }
                }
            }
        }
        return new Summary(experiments, autoStop, naive, autoStop == 0 ? 0 : (double) stoppingSizes / autoStop,
                correct);
    }

    public static void main(String[] args) {
        int experiments = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20_261_125L;
        AbSimulation harness = new AbSimulation(500, 20_000, 0.05, 0.02);
        long started = System.nanoTime();
        System.out.println("A/A, p = 0.20 both arms: " + harness.run(experiments, 0.20, 0.20, seed));
        System.out.println("A/B, p = 0.20 -> 0.22:   " + harness.run(experiments, 0.20, 0.22, seed + 1));
        System.out.printf(Locale.ROOT, "%.1f s%n", (System.nanoTime() - started) / 1e9);
    }
}
