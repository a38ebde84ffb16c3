package io.funnelstream.engine.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class LatencySketchTests {

    /** From a second to two weeks, spread over orders of magnitude as response times are. */
    private static final Gen<List<Long>> MILLIS = lists().of(longs().between(0, 60).map(e -> (long)
                    Math.pow(10, 3 + e / 10.0)))
            .ofSizeBetween(1, 400);

    @Test
    void shouldAnswerQuantilesWithinOnePercent() {
        qt().withExamples(300).forAll(MILLIS).checkAssert(values -> {
            LatencySketch sketch = LatencySketch.of(values.stream().map(Duration::ofMillis).toList());
            List<Long> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            for (double p : new double[] {0, 0.5, 0.9, 0.99, 1}) {
                double exact = sorted.get((int) Math.floor(p * (sorted.size() - 1)));
                double estimate = sketch.quantile(p).orElseThrow().toNanos() / 1e6;
                assertThat(estimate).as("p%s of %s", p, sorted).isCloseTo(exact, within(exact * 0.01 + 1e-6));
            }
        });
    }

    @Test
    void shouldMergeByAddingBucketCounters() {
        qt().withExamples(200).forAll(MILLIS, MILLIS).checkAssert((a, b) -> {
            List<Long> both = new ArrayList<>(a);
            both.addAll(b);
            Counts merged = counts(a).plus(counts(b));

            LatencySketch sketch = LatencySketch.of(merged);
            LatencySketch direct = LatencySketch.of(both.stream().map(Duration::ofMillis).toList());
            assertThat(sketch.buckets()).isEqualTo(direct.buckets());
            assertThat(sketch.count()).isEqualTo(both.size());
            assertThat(sketch.sumMillis()).isEqualTo(both.stream().mapToLong(Long::longValue).sum());
        });
    }

    @Test
    void shouldGiveAnExactMean() {
        LatencySketch sketch = LatencySketch.of(List.of(Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(60)));

        assertThat(sketch.mean()).contains(Duration.ofSeconds(30));
        assertThat(sketch.count()).isEqualTo(3);
    }

    @Test
    void shouldAnswerNothingWhenEmpty() {
        LatencySketch sketch = LatencySketch.of(Counts.empty());

        assertThat(sketch.mean()).isEmpty();
        assertThat(sketch.quantile(0.5)).isEmpty();
        assertThat(LatencySketch.empty().count()).isZero();
    }

    @Test
    void shouldCountSubMillisecondAndNegativeDurationsAsTheSmallestBucket() {
        LatencySketch sketch = LatencySketch.of(List.of(Duration.ofNanos(10), Duration.ofSeconds(-5)));

        assertThat(sketch.buckets()).containsExactly(Map.entry(0, 2L));
        assertThat(sketch.sumMillis()).isZero();
        assertThat(sketch.quantile(1).orElseThrow()).isLessThanOrEqualTo(Duration.ofMillis(1));
    }

    @Test
    void shouldIgnoreCountersThatAreNotItsOwn() {
        Counts counts = Counts.of(Map.of("rt.b.346", 2L, "rt.b.x", 5L, Counter.OPENS, 9L, LatencySketch.COUNT, 2L));

        LatencySketch sketch = LatencySketch.of(counts);

        assertThat(sketch.buckets()).containsExactly(Map.entry(346, 2L));
        assertThat(sketch.quantile(0.5).orElseThrow().toMillis()).isBetween(990L, 1010L);
        assertThat(LatencySketch.index(1000)).isEqualTo(346);
    }

    @Test
    void shouldMergeCountersNamingTheSameBucketAndSkipMalformedOnes() {
        Counts counts = Counts.of(Map.of("rt.b.7", 1L, "rt.b.007", 2L, "rt.b.", 4L, "rt.b.-3", 8L,
                "rt.b.12345678901", 16L, "rt.b.5", 3L));

        LatencySketch sketch = LatencySketch.of(counts);

        assertThat(sketch.buckets()).containsExactly(Map.entry(5, 3L), Map.entry(7, 3L));
        assertThat(sketch.quantile(0)).as("ranks 0 to 2 of 6 are in bucket 5").isEqualTo(sketch.quantile(0.5));
        assertThat(sketch.quantile(0.6).orElseThrow()).isGreaterThan(sketch.quantile(0.5).orElseThrow());
    }

    @Test
    void shouldRejectAQuantileOutsideZeroToOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> LatencySketch.empty().quantile(1.5));
        assertThatIllegalArgumentException().isThrownBy(() -> LatencySketch.empty().quantile(Double.NaN));
    }

    private static Counts counts(List<Long> millis) {
        RollupDelta.Builder builder = RollupDelta.builder();
        RollupKey key = RollupKey.containing(RollupScenarios.TENANT, Scope.all(), BucketSize.DAY,
                RollupScenarios.QUEUED_AT);
        millis.forEach(ms -> LatencySketch.addTo(builder, key, Duration.ofMillis(ms)));
        return builder.build().counts(key);
    }
}
