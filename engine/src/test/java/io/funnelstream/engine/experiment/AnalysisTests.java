package io.funnelstream.engine.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.experiment.Recommendation.Decision;
import io.funnelstream.engine.experiment.stats.Proportion;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class AnalysisTests {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    static ExperimentDesign design(double testShare, @Nullable Instant deadline) {
        return new ExperimentDesign(UUID.randomUUID(), "subject lines",
                List.of(new Variant("a", 0.5, Map.of("subject", "Hi")), new Variant("b", 0.5, Map.of("subject", "Yo"))),
                Metric.RESPONSE, 0.05, 0.8, 0.02, 20_000, testShare, deadline);
    }

    static Experiment running(ExperimentDesign design) {
        return new Experiment(UUID.randomUUID(), design, ExperimentStatus.RUNNING, null, null, NOW);
    }

    @Test
    void shouldDeclareTheVariantWhoseAlwaysValidIntervalLiesAboveZero() {
        ExperimentResults r = ExperimentAnalysis.analyze(running(design(1, null)), Map.of("a", 10_000L, "b", 10_000L),
                Map.of("a", new Proportion(2_000, 10_000), "b", new Proportion(2_300, 10_000)), NOW);
        assertThat(r.recommendation().decision()).isEqualTo(Decision.DECLARE_WINNER);
        assertThat(r.recommendation().winner()).isEqualTo("b");
        assertThat(r.comparisons()).singleElement().satisfies(c -> {
            assertThat(c.sequential().interval().lower()).isPositive();
            assertThat(c.newcombe95().contains(0.03)).isTrue();
        });
        assertThat(r.variants()).extracting(VariantResult::rate).containsExactly(0.2, 0.23);
    }

    @Test
    void shouldDeclareNoWinnerWhileTheSampleRatioIsOff() {
        ExperimentResults r = ExperimentAnalysis.analyze(running(design(1, null)), Map.of("a", 10_000L, "b", 11_000L),
                Map.of("a", new Proportion(2_000, 10_000), "b", new Proportion(2_600, 11_000)), NOW);
        assertThat(r.sampleRatio().mismatch()).isTrue();
        assertThat(r.recommendation().decision()).isEqualTo(Decision.CHECK_ASSIGNMENT);
        assertThat(r.recommendation().winner()).isNull();
    }

    @Test
    void shouldKeepRunningOnANaivelySignificantDifference() {
        // chi-square p is about 0.03 here, but the always-valid interval still holds 0
        ExperimentResults r = ExperimentAnalysis.analyze(running(design(1, null)), Map.of("a", 2_000L, "b", 2_000L),
                Map.of("a", new Proportion(400, 2_000), "b", new Proportion(457, 2_000)), NOW);
        assertThat(r.chiSquare().pValue()).isLessThan(0.05);
        assertThat(r.recommendation().decision()).isEqualTo(Decision.KEEP_RUNNING);
    }

    @Test
    void shouldStopWithNoDifferenceAtTheMaximumSample() {
        ExperimentResults r = ExperimentAnalysis.analyze(running(design(1, null)), Map.of("a", 20_000L, "b", 20_000L),
                Map.of("a", new Proportion(4_000, 20_000), "b", new Proportion(4_010, 20_000)), NOW);
        assertThat(r.recommendation().decision()).isEqualTo(Decision.STOP_NO_DIFFERENCE);
    }

    @Test
    void shouldPickTheBestObservedRateAtTheDeadline() {
        ExperimentResults r = ExperimentAnalysis.analyze(running(design(0.2, NOW)), Map.of("a", 500L, "b", 500L),
                Map.of("a", new Proportion(100, 500), "b", new Proportion(110, 500)), NOW);
        assertThat(r.recommendation()).extracting(Recommendation::decision, Recommendation::winner)
                .containsExactly(Decision.DEADLINE_WINNER, "b");
        ExperimentResults tie = ExperimentAnalysis.analyze(running(design(0.2, NOW)), Map.of(), Map.of(), NOW);
        assertThat(tie.recommendation().winner()).isEqualTo("a");
    }

    @Test
    void shouldAnswerForEmptyAndSingleVariantExperiments() {
        ExperimentResults empty = ExperimentAnalysis.analyze(running(design(1, null)), Map.of(), Map.of(), NOW);
        assertThat(empty.recommendation().decision()).isEqualTo(Decision.KEEP_RUNNING);
        assertThat(empty.chiSquare().pValue()).isEqualTo(1.0);
        ExperimentDesign one = new ExperimentDesign(UUID.randomUUID(), "one", List.of(new Variant("a", 1, Map.of())),
                Metric.VIEW, 0.05, 0.8, 0.02, 1_000, 1, null);
        assertThat(one.problems()).contains("an experiment needs at least 2 variants, got 1");
        ExperimentResults single = ExperimentAnalysis.analyze(running(one), Map.of("a", 5L),
                Map.of("a", new Proportion(1, 5)), NOW);
        assertThat(single.comparisons()).isEmpty();
        assertThat(single.recommendation().decision()).isEqualTo(Decision.KEEP_RUNNING);
    }

    @Test
    void shouldListEveryProblemOfABadDesign() {
        ExperimentDesign bad = new ExperimentDesign(UUID.randomUUID(), " ",
                List.of(new Variant("a", 0.5, Map.of()), new Variant("A b", 0.6, Map.of())),
                Metric.VIEW, 0.5, 1, 0, 10, 0, null);
        assertThat(bad.problems()).hasSize(8).anyMatch(p -> p.startsWith("the weights must sum to 1"));
    }
}
