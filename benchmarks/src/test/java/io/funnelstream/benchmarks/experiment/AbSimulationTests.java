package io.funnelstream.benchmarks.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A small, seeded run of the simulation benchmark, so that peeking-proofness is guarded on every build: the full
 * 2,000-experiment figures are in RESULTS.md. Bounds are loose (200 experiments give a standard error of about
 * 1.6 points at 5%): the auto-stop's false positives stay near or below alpha, while the same harness catches a
 * naive peeker far above it.
 */
class AbSimulationTests {

    private final AbSimulation harness = new AbSimulation(500, 20_000, 0.05, 0.02);

    @Test
    void shouldKeepFalseWinnersNearAlphaUnderRepeatedLooks() {
        AbSimulation.Summary aa = harness.run(200, 0.20, 0.20, 42);
        assertThat(aa.autoStopRate()).as("%s", aa).isLessThanOrEqualTo(0.08);
        assertThat(aa.naiveRate()).as("%s", aa).isGreaterThanOrEqualTo(0.15);
    }

    @Test
    void shouldFindATwoPointLiftAndNameTheRightArm() {
        AbSimulation.Summary ab = harness.run(100, 0.20, 0.22, 7);
        assertThat(ab.autoStopRate()).as("%s", ab).isGreaterThanOrEqualTo(0.85);
        assertThat(ab.correctWinners()).isEqualTo(ab.autoStopWinners());
        assertThat(ab.meanStoppingSize()).isBetween(500.0, 20_000.0);
    }
}
