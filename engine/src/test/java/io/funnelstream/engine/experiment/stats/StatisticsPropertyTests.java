package io.funnelstream.engine.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class StatisticsPropertyTests {

    private static final Gen<Proportion> PROPORTIONS = longs().between(0, 20_000_000)
            .zip(doubles().between(0, 1), (n, share) -> new Proportion(Math.round(n * share), n));
    private static final Gen<Proportion> SMALL = integers().between(0, 60)
            .zip(doubles().between(0, 1), (n, share) -> new Proportion(Math.round(n * share), n));
    private static final Gen<Proportion> ANY = PROPORTIONS.mix(SMALL);
    private static final Gen<Double> LEVELS = doubles().between(0.5, 0.999);

    @Test
    void shouldContainTheEstimateInsideTheUnitRange() {
        qt().withExamples(2000).forAll(ANY, LEVELS).checkAssert((p, level) -> {
            Interval w = Intervals.wilson(p, level);
            assertThat(w.contains(p.rate()) || p.isEmpty()).isTrue();
            assertThat(w.lower()).isBetween(0.0, 1.0);
            assertThat(w.upper()).isBetween(0.0, 1.0);
        });
    }

    @Test
    void shouldContainTheDifferenceInBothDifferenceIntervals() {
        qt().withExamples(2000).forAll(ANY, ANY, LEVELS).checkAssert((a, b, level) -> {
            double d = b.rate() - a.rate();
            assertThat(Intervals.newcombe(a, b, level).contains(d)).isTrue();
            assertThat(Intervals.wald(a, b, level).contains(d)).isTrue();
            assertThat(SequentialTest.of(a, b, 0.05, 0.02).interval().contains(d)).isTrue();
        });
    }

    @Test
    void shouldMirrorWhenSuccessesAndFailuresSwap() {
        qt().withExamples(1000).forAll(ANY, LEVELS).checkAssert((p, level) -> {
            Interval w = Intervals.wilson(p, level);
            Interval mirrored = Intervals.wilson(new Proportion(p.failures(), p.trials()), level);
            assertThat(mirrored.lower()).isCloseTo(1 - w.upper(), within(1e-9));
            assertThat(mirrored.upper()).isCloseTo(1 - w.lower(), within(1e-9));
        });
    }

    @Test
    void shouldNegateWhenArmsSwap() {
        qt().withExamples(1000).forAll(ANY, ANY, LEVELS).checkAssert((a, b, level) -> {
            Interval ab = Intervals.newcombe(a, b, level);
            Interval ba = Intervals.newcombe(b, a, level);
            assertThat(ba.lower()).isCloseTo(-ab.upper(), within(1e-9));
            assertThat(ba.upper()).isCloseTo(-ab.lower(), within(1e-9));
            assertThat(ZTest.pooled(b, a).z()).isCloseTo(-ZTest.pooled(a, b).z(), within(1e-9));
            assertThat(ChiSquare.independence(List.of(a, b)).pValue())
                    .isCloseTo(ChiSquare.independence(List.of(b, a)).pValue(), within(1e-12));
        });
    }

    @Test
    void shouldWidenWithConfidenceAndMoveUpWithSuccesses() {
        qt().withExamples(1000).forAll(SMALL, doubles().between(0.5, 0.99)).checkAssert((p, level) -> {
            Interval narrow = Intervals.wilson(p, level);
            Interval wide = Intervals.wilson(p, Math.min(0.999, level + 0.005));
            assertThat(wide.lower()).isLessThanOrEqualTo(narrow.lower() + 1e-12);
            assertThat(wide.upper()).isGreaterThanOrEqualTo(narrow.upper() - 1e-12);
            if (p.successes() < p.trials()) {
                Interval more = Intervals.wilson(new Proportion(p.successes() + 1, p.trials()), level);
                assertThat(more.lower()).isGreaterThan(narrow.lower());
                assertThat(more.upper()).isGreaterThanOrEqualTo(narrow.upper());
            }
        });
    }

    @Test
    void shouldGiveProbabilitiesAndAgreeIntervalWithPValue() {
        qt().withExamples(2000).forAll(ANY, ANY, doubles().between(0.001, 0.2)).checkAssert((a, b, alpha) -> {
            SequentialTest test = SequentialTest.of(a, b, alpha, 0.02);
            assertThat(test.pValue()).isBetween(0.0, 1.0);
            double margin = Math.abs(test.pValue() - alpha);
            if (margin > 1e-9 && test.interval().width() < 2) {
                assertThat(test.interval().excludesZero()).isEqualTo(test.pValue() < alpha);
            }
            ChiSquareResult chi = ChiSquare.independence(List.of(a, b));
            assertThat(chi.pValue()).isBetween(0.0, 1.0);
            assertThat(chi.statistic()).isFinite().isGreaterThanOrEqualTo(0.0);
            assertThat(ZTest.pooled(a, b).pValue()).isBetween(0.0, 1.0);
        });
    }

    @Test
    void shouldNeedMoreUsersForMorePowerAndSmallerEffects() {
        qt().withExamples(500)
                .forAll(doubles().between(0.05, 0.7), doubles().between(0.005, 0.15), doubles().between(0.5, 0.9))
                .checkAssert((baseline, effect, power) -> {
                    SampleSize base = SampleSize.perArm(baseline, effect, 0.05, power);
                    SampleSize morePower = SampleSize.perArm(baseline, effect, 0.05, power + 0.05);
                    SampleSize biggerEffect = SampleSize.perArm(baseline, effect * 1.5, 0.05, power);
                    SampleSize stricter = SampleSize.perArm(baseline, effect, 0.01, power);
                    assertThat(morePower.pooledVariance()).isGreaterThanOrEqualTo(base.pooledVariance());
                    assertThat(morePower.cohensH()).isGreaterThanOrEqualTo(base.cohensH());
                    assertThat(biggerEffect.pooledVariance()).isLessThanOrEqualTo(base.pooledVariance());
                    assertThat(biggerEffect.cohensH()).isLessThanOrEqualTo(base.cohensH());
                    assertThat(stricter.pooledVariance()).isGreaterThanOrEqualTo(base.pooledVariance());
                });
    }
}
