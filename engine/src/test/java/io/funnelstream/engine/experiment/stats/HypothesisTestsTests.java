package io.funnelstream.engine.experiment.stats;

import static io.funnelstream.engine.experiment.stats.IntervalsTests.p;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Chi-square, z and sample-ratio tests against R's documented outputs ({@code stats::prop.test},
 * {@code stats::chisq.test}, as printed in R's help examples and the course pages quoted per test), with the
 * full digits recomputed with SciPy 1.17 ({@code scipy.stats.chi2_contingency}, {@code scipy.stats.chisquare}).
 */
class HypothesisTestsTests {

    private static final double SCIPY = 1e-9;

    @Test
    void shouldMatchPropTestOnFourSamplesOfSmokers() {
        // R ?prop.test: prop.test(smokers, patients): X-squared = 12.6, df = 3, p-value = 0.005585
        ChiSquareResult result = ChiSquare.independence(List.of(p(83, 86), p(90, 93), p(129, 136), p(70, 82)));
        assertThat(result.statistic()).isCloseTo(12.600411297127634, within(SCIPY));
        assertThat(result.degreesOfFreedom()).isEqualTo(3);
        assertThat(result.pValue()).isCloseTo(0.005585476661627036, within(SCIPY));
        assertThat(result.yatesCorrected()).isFalse();
    }

    @Test
    void shouldApplyYatesOnlyToTwoByTwo() {
        // prop.test(x = c(490, 400), n = c(500, 500)): X-squared = 80.909, df = 1, p-value < 2.2e-16
        ChiSquareResult result = ChiSquare.independence(List.of(p(490, 500), p(400, 500)));
        assertThat(result.yatesCorrected()).isTrue();
        assertThat(result.statistic()).isCloseTo(80.90909090909092, within(SCIPY));
        assertThat(result.pValue()).isCloseTo(2.363439035893129e-19, within(1e-25));
    }

    @Test
    void shouldNeverShrinkADeviationPastZero() {
        // |O - E| = 0.25 < 0.5: R's chisq.test corrects by min(0.5, |O - E|), so the statistic is 0, not positive
        ChiSquareResult result = ChiSquare.independence(List.of(p(1, 4), p(1, 4)));
        assertThat(result.statistic()).isZero();
        assertThat(result.pValue()).isEqualTo(1.0);
        ChiSquareResult nearly = ChiSquare.independence(List.of(p(3, 10), p(2, 10)));
        // E = 2.5 successes per arm, |O - E| = 0.5 everywhere: corrected to 0
        assertThat(nearly.statistic()).isZero();
    }

    @Test
    void shouldMatchChisqTestOnAThreeColumnTable() {
        // R ?chisq.test, M <- as.table(rbind(c(762, 327, 468), c(484, 239, 477))): X-squared = 30.07, df = 2,
        // p-value = 2.954e-07; our table is its transpose (three variants, two outcomes)
        ChiSquareResult result = ChiSquare.independence(List.of(p(762, 1246), p(327, 566), p(468, 945)));
        assertThat(result.statistic()).isCloseTo(30.070149095754672, within(1e-9));
        assertThat(result.pValue()).isCloseTo(2.9535891832117595e-07, within(1e-13));
    }

    @Test
    void shouldAnswerEdgeCasesWithoutNaN() {
        assertThat(ChiSquare.independence(List.of(p(0, 100), p(0, 100))))
                .isEqualTo(new ChiSquareResult(0, 1, 1, false));
        assertThat(ChiSquare.independence(List.of(p(100, 100), p(50, 50))).pValue()).isEqualTo(1.0);
        assertThat(ChiSquare.independence(List.of(p(10, 100), p(0, 0)))).isEqualTo(new ChiSquareResult(0, 0, 1, false));
        assertThat(ChiSquare.independence(List.of(p(10, 100))).degreesOfFreedom()).isZero();
        assertThat(ChiSquare.independence(List.of())).isEqualTo(new ChiSquareResult(0, 0, 1, false));
        ChiSquareResult huge = ChiSquare.independence(List.of(p(2_000_000, 10_000_000), p(2_010_000, 10_000_000)));
        assertThat(huge.statistic()).isFinite().isPositive();
        assertThat(huge.pValue()).isBetween(0.0, 1.0);
    }

    @Test
    void shouldMatchTheUncorrectedTestAsPooledZ() {
        // Faraway (2006) 4.4, women's smoking and survival: summary(xtabs(...)) Chisq = 9.121, df = 1,
        // p-value = 0.002527; the pooled z-test is its square root
        ZTest z = ZTest.pooled(p(230, 732), p(139, 582));
        assertThat(z.z() * z.z()).isCloseTo(9.120902959385703, within(SCIPY));
        assertThat(z.z()).isNegative();
        assertThat(z.pValue()).isCloseTo(0.0025270519818449567, within(SCIPY));
        assertThat(ZTest.pooled(p(0, 0), p(3, 10))).isEqualTo(new ZTest(0, 1));
        assertThat(ZTest.pooled(p(0, 10), p(0, 10))).isEqualTo(new ZTest(0, 1));
        assertThat(ZTest.pooled(p(10, 10), p(20, 20))).isEqualTo(new ZTest(0, 1));
    }

    @Test
    void shouldMatchChisqTestGoodnessOfFit() {
        // R ?chisq.test: x <- c(89,37,30,28,2); p <- c(40,20,20,15,5); chisq.test(x, p = p, rescale.p = TRUE):
        // X-squared = 9.9901, df = 4, p-value = 0.04059
        ChiSquareResult result =
                ChiSquare.goodnessOfFit(new long[] {89, 37, 30, 28, 2}, new double[] {40, 20, 20, 15, 5});
        assertThat(result.statistic()).isCloseTo(9.990143369175627, within(SCIPY));
        assertThat(result.degreesOfFreedom()).isEqualTo(4);
        assertThat(result.pValue()).isCloseTo(0.040594043344781214, within(SCIPY));
        // R ?chisq.test: x <- c(A = 20, B = 15, C = 25); chisq.test(x): X-squared = 2.5, df = 2, p-value = 0.2865
        assertThat(ChiSquare.goodnessOfFit(new long[] {20, 15, 25}, new double[] {1, 1, 1}).pValue())
                .isCloseTo(0.2865047968601901, within(SCIPY));
    }

    @Test
    void shouldFlagASampleRatioMismatchBelowOnePerMille() {
        // scipy.stats.chisquare([5200, 4800], [5000, 5000]): statistic 16.0, p = 6.334248366623988e-05
        SampleRatio skewed = SampleRatio.check(new long[] {5200, 4800}, new double[] {0.5, 0.5});
        assertThat(skewed.test().pValue()).isCloseTo(6.334248366623988e-05, within(1e-12));
        assertThat(skewed.mismatch()).isTrue();
        // chisquare([5050, 4950], [5000, 5000]): statistic 1.0, p = 0.31731050786291115
        assertThat(SampleRatio.check(new long[] {5050, 4950}, new double[] {1, 1}).mismatch()).isFalse();
        // chisquare([10, 0], [5, 5]): p = 0.001565 is not below 0.001
        assertThat(SampleRatio.check(new long[] {10, 0}, new double[] {1, 1}).mismatch()).isFalse();
        assertThat(SampleRatio.check(new long[] {0, 0}, new double[] {1, 1}).mismatch()).isFalse();
        assertThat(SampleRatio.check(new long[] {7}, new double[] {1}).test().pValue()).isEqualTo(1.0);
        assertThat(SampleRatio.check(new long[] {7_000_000, 3_010_000}, new double[] {0.7, 0.3}).mismatch()).isTrue();
    }

    @Test
    void shouldMatchPublishedSampleSizes() {
        // R ?power.prop.test: power.prop.test(p1 = .50, p2 = .75, power = .90): n = 76.7 per group
        assertThat(SampleSize.perArm(0.5, 0.25, 0.05, 0.9).pooledVariance()).isEqualTo(77);
        // pwr vignette: pwr.2p.test(h = 0.3, power = 0.80, sig.level = 0.05): n = 174.4195; h(0.2, 0.22) gives
        // n = 6507.35 by the same formula (SciPy), and the classic formula 6509.47
        SampleSize small = SampleSize.perArm(0.2, 0.02, 0.05, 0.8);
        assertThat(small.cohensH()).isEqualTo(6508);
        assertThat(small.pooledVariance()).isEqualTo(6510);
        assertThat(SampleSize.perArm(0.75, -0.25, 0.05, 0.9).pooledVariance()).isEqualTo(77);
        assertThat(SampleSize.perArm(0.99, 0.01, 0.01, 0.9).cohensH()).isPositive();
    }

    @Test
    void shouldMatchTheMixtureFormulaComputedIndependently() {
        // values from the formulas in SequentialTest's javadoc, evaluated in Python 3.11 (math) by hand
        SequentialTest small = SequentialTest.of(p(200, 1000), p(260, 1000), 0.05, 0.02);
        assertThat(small.difference()).isCloseTo(0.06, within(1e-12));
        assertThat(small.pValue()).isCloseTo(0.09669081071967173, within(1e-12));
        IntervalsTests.assertInterval(small.interval(), -0.006890298229322661, 0.12689029822932266, 1e-12);
        assertThat(small.significant()).isFalse();
        SequentialTest huge = SequentialTest.of(p(2_000_000, 10_000_000), p(2_010_000, 10_000_000), 0.05, 0.02);
        assertThat(huge.pValue()).isCloseTo(1.8855428010622497e-05, within(1e-12));
        IntervalsTests.assertInterval(huge.interval(), 0.00029678982503944756, 0.0017032101749605542, 1e-12);
        assertThat(huge.significant()).isTrue();
    }

    @Test
    void shouldNotStopBeforeTheMinimumCounts() {
        SequentialTest fewUsers = SequentialTest.of(p(0, 99), p(99, 99), 0.05, 0.02);
        assertThat(fewUsers.minimumReached()).isFalse();
        assertThat(fewUsers.significant()).isFalse();
        SequentialTest fewFailures = SequentialTest.of(p(10, 1000), p(996, 1000), 0.05, 0.02);
        assertThat(fewFailures.interval().excludesZero()).isTrue();
        assertThat(fewFailures.significant()).isFalse();
        SequentialTest enough = SequentialTest.of(p(10, 1000), p(995, 1000), 0.05, 0.02);
        assertThat(enough.significant()).isTrue();
    }

    @Test
    void shouldKnowNothingFromEmptyOrConstantArms() {
        assertThat(SequentialTest.of(p(0, 0), p(0, 0), 0.05, 0.02))
                .isEqualTo(new SequentialTest(0, new Interval(-1, 1), 1, false, false));
        assertThat(SequentialTest.of(p(0, 500), p(0, 500), 0.05, 0.02).pValue()).isEqualTo(1.0);
        assertThat(SequentialTest.of(p(500, 500), p(0, 0), 0.05, 0.02).interval()).isEqualTo(new Interval(-1, 1));
    }
}
