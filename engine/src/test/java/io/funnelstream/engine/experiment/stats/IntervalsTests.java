package io.funnelstream.engine.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference values: Newcombe, "Two-sided confidence intervals for the single proportion: comparison of seven
 * methods", Stat Med 17:857-872 (1998), Table I, method 3 (Wilson); Newcombe, "Interval estimation for the
 * difference between independent proportions: comparison of eleven methods", Stat Med 17:873-890 (1998), Table II,
 * method 10 (hybrid score) and method 1 (Wald). Digits beyond the paper's four, and the 99% levels, were recomputed
 * with SciPy 1.17 ({@code scipy.stats.norm.isf}) from the same formulas.
 */
class IntervalsTests {

    private static final double PAPER = 5e-5;
    private static final double SCIPY = 1e-9;

    @Test
    void shouldMatchNewcombesWilsonExamples() {
        assertInterval(Intervals.wilson(p(81, 263), 0.95), 0.2553, 0.3662, PAPER);
        assertInterval(Intervals.wilson(p(15, 148), 0.95), 0.0624, 0.1605, PAPER);
        assertInterval(Intervals.wilson(p(0, 20), 0.95), 0.0, 0.1611, PAPER);
        assertInterval(Intervals.wilson(p(1, 29), 0.95), 0.0061, 0.1718, PAPER);
        assertInterval(Intervals.wilson(p(81, 263), 0.95), 0.2552885198782742, 0.36620957698280004, SCIPY);
        assertInterval(Intervals.wilson(p(81, 263), 0.99), 0.24013690268760773, 0.38528250231822986, SCIPY);
        assertInterval(Intervals.wilson(p(1, 29), 0.99), 0.0040614941968838, 0.23825425313641296, SCIPY);
    }

    @Test
    void shouldMatchNewcombesHybridScoreExamples() {
        assertInterval(Intervals.newcombe(p(48, 80), p(56, 70), 0.95), 0.0524, 0.3339, PAPER);
        assertInterval(Intervals.newcombe(p(3, 10), p(9, 10), 0.95), 0.1705, 0.8090, PAPER);
        assertInterval(Intervals.newcombe(p(2, 7), p(6, 7), 0.95), 0.0582, 0.8062, PAPER);
        assertInterval(Intervals.newcombe(p(0, 29), p(5, 56), 0.95), -0.0381, 0.1926, PAPER);
        assertInterval(Intervals.newcombe(p(48, 80), p(56, 70), 0.99), 0.005370869250078403, 0.3718084317757736, SCIPY);
        assertInterval(Intervals.newcombe(p(0, 20), p(0, 10), 0.95), -0.16112515805281938, 0.2775327998628892, SCIPY);
    }

    @Test
    void shouldMatchNewcombesWaldExamples() {
        assertInterval(Intervals.wald(p(48, 80), p(56, 70), 0.95), 0.0575, 0.3425, PAPER);
        assertInterval(Intervals.wald(p(3, 10), p(9, 10), 0.95), 0.2605, 0.9395, PAPER);
    }

    @Test
    void shouldGiveTheWholeRangeForAnEmptyArm() {
        assertThat(Intervals.wilson(p(0, 0), 0.95)).isEqualTo(new Interval(0, 1));
        assertThat(Intervals.wald(p(0, 0), p(5, 10), 0.95)).isEqualTo(new Interval(-1, 1));
        Interval newcombe = Intervals.newcombe(p(0, 0), p(5, 10), 0.95);
        assertThat(newcombe.lower()).isBetween(-1.0, 0.0);
        assertThat(newcombe.upper()).isBetween(0.0, 1.0);
        assertThat(Intervals.newcombe(p(0, 0), p(0, 0), 0.95)).isEqualTo(new Interval(-1, 1));
    }

    @Test
    void shouldReachTheBoundsExactlyAtNoneAndAllSuccesses() {
        assertThat(Intervals.wilson(p(0, 50), 0.99).lower()).isZero();
        assertThat(Intervals.wilson(p(50, 50), 0.99).upper()).isEqualTo(1.0);
        assertInterval(Intervals.newcombe(p(0, 20), p(10, 10), 0.95), 0.6790860371419147, 1.0, SCIPY);
        assertThat(Intervals.wald(p(0, 20), p(10, 10), 0.95)).isEqualTo(new Interval(1, 1));
    }

    @Test
    void shouldStayFiniteAndNarrowAtTenMillionPerArm() {
        Interval d = Intervals.newcombe(p(2_000_000, 10_000_000), p(2_010_000, 10_000_000), 0.99);
        assertThat(d.contains(0.001)).isTrue();
        assertThat(d.width()).isLessThan(0.0012).isPositive();
        assertThat(Intervals.wilson(p(10_000_000, 10_000_000), 0.95).upper()).isEqualTo(1.0);
    }

    static Proportion p(long successes, long trials) {
        return new Proportion(successes, trials);
    }

    static void assertInterval(Interval actual, double lower, double upper, double tolerance) {
        assertThat(actual.lower()).as("lower of %s", actual).isCloseTo(lower, within(tolerance));
        assertThat(actual.upper()).as("upper of %s", actual).isCloseTo(upper, within(tolerance));
    }
}
