package io.funnelstream.engine.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.funnelstream.engine.analytics.Cover.Segment;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupRetention;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverTests {

    private static final RollupRetention RETENTION = RollupRetention.DEFAULT;
    private static final Instant NOW = Instant.parse("2026-11-25T10:17:42Z");

    @Test
    void shouldReadAPastWeekAsHoursAtTheEdgesAndDaysBetween() {
        Instant to = NOW.minus(Duration.ofDays(1));
        Cover cover = Cover.of(to.minus(Duration.ofDays(7)), to, NOW, RETENTION);

        assertThat(cover.resolution()).isEqualTo(BucketSize.HOUR);
        assertThat(cover.from()).isEqualTo(Instant.parse("2026-11-17T10:00:00Z"));
        assertThat(cover.to()).isEqualTo(Instant.parse("2026-11-24T11:00:00Z"));
        assertThat(cover.segments()).containsExactly(
                segment(BucketSize.HOUR, "2026-11-17T10:00:00Z", "2026-11-18T00:00:00Z"),
                segment(BucketSize.DAY, "2026-11-18T00:00:00Z", "2026-11-24T00:00:00Z"),
                segment(BucketSize.HOUR, "2026-11-24T00:00:00Z", "2026-11-24T11:00:00Z"));
    }

    @Test
    void shouldReadTheLastWeekUntilNowWithTodayAsOneBucket() {
        Cover cover = Cover.of(NOW.minus(Duration.ofDays(7)), NOW, NOW, RETENTION);

        assertThat(cover.resolution()).isEqualTo(BucketSize.HOUR);
        assertThat(cover.from()).isEqualTo(Instant.parse("2026-11-18T10:00:00Z"));
        assertThat(cover.to()).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
        assertThat(cover.segments()).containsExactly(
                segment(BucketSize.HOUR, "2026-11-18T10:00:00Z", "2026-11-19T00:00:00Z"),
                segment(BucketSize.DAY, "2026-11-19T00:00:00Z", "2026-11-26T00:00:00Z"));
    }

    @Test
    void shouldReadTheLastHoursToTheMinute() {
        Cover cover = Cover.of(Instant.parse("2026-11-25T07:30:10Z"), NOW, NOW, RETENTION);

        assertThat(cover.resolution()).isEqualTo(BucketSize.MINUTE);
        assertThat(cover.from()).isEqualTo(Instant.parse("2026-11-25T07:30:00Z"));
        assertThat(cover.to()).isEqualTo(Instant.parse("2026-11-25T11:00:00Z"));
        assertThat(cover.segments()).containsExactly(
                segment(BucketSize.MINUTE, "2026-11-25T07:30:00Z", "2026-11-25T08:00:00Z"),
                segment(BucketSize.HOUR, "2026-11-25T08:00:00Z", "2026-11-25T11:00:00Z"));
        Cover past = Cover.of(Instant.parse("2026-11-25T07:30:10Z"), NOW.minusSeconds(60), NOW, RETENTION);
        assertThat(past.to()).isEqualTo(Instant.parse("2026-11-25T10:17:00Z"));
    }

    @Test
    void shouldFallBackToCoarserBucketsWhereFinerOnesHaveExpired() {
        Instant threeDaysAgo = NOW.minus(Duration.ofDays(3));
        Instant halfAYearAgo = NOW.minus(Duration.ofDays(180));

        assertThat(Cover.of(threeDaysAgo, threeDaysAgo.plus(Duration.ofHours(2)), NOW, RETENTION).resolution())
                .isEqualTo(BucketSize.HOUR);
        assertThat(Cover.of(halfAYearAgo, halfAYearAgo.plus(Duration.ofHours(2)), NOW, RETENTION).resolution())
                .isEqualTo(BucketSize.DAY);
    }

    @Test
    void shouldUseDaysForRangesLongerThanSixtyDays() {
        Cover cover = Cover.of(NOW.minus(Duration.ofDays(61)), NOW, NOW, RETENTION);

        assertThat(cover.resolution()).isEqualTo(BucketSize.DAY);
        assertThat(cover.segments()).singleElement().extracting(Segment::size).isEqualTo(BucketSize.DAY);
    }

    @Test
    void shouldRefuseAnEmptyRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> Cover.of(NOW, NOW, NOW, RETENTION));
    }

    @Test
    void shouldCoverAnyRangeWithContiguousAlignedSegmentsThatWidenItByLessThanOneBucket() {
        long year = Duration.ofDays(365).toSeconds();
        qt().withExamples(2_000)
                .forAll(longs().between(0, year), longs().between(1, Cover.MAX_RANGE.toSeconds()),
                        longs().between(-86_400, year))
                .assuming((startAgo, length, nowAfterEnd) -> Cover.isKept(BucketSize.DAY,
                        NOW.minusSeconds(startAgo + length), NOW.minusSeconds(startAgo).plusSeconds(nowAfterEnd),
                        RETENTION))
                .checkAssert((startAgo, length, nowAfterEnd) -> {
                    Instant from = NOW.minusSeconds(startAgo + length);
                    Instant to = from.plusSeconds(length);
                    Instant now = to.plusSeconds(nowAfterEnd);
                    Cover cover = Cover.of(from, to, now, RETENTION);

                    Duration step = cover.resolution().length();
                    assertThat(cover.from()).isBeforeOrEqualTo(from).isAfter(from.minus(step));
                    assertThat(cover.to()).isAfterOrEqualTo(to);
                    if (cover.to().compareTo(to.plus(step)) >= 0) {
                        assertThat(to).as("only a range reaching now is widened past its last bucket")
                                .isAfterOrEqualTo(now);
                        assertThat(cover.to()).isBeforeOrEqualTo(BucketSize.DAY.start(to).plus(Duration.ofDays(1)));
                    }
                    assertContiguous(cover.segments(), cover.from(), cover.to());
                    for (Segment segment : cover.segments()) {
                        assertThat(segment.size().compareTo(cover.resolution())).isNotNegative();
                        assertThat(Cover.isKept(segment.size(), segment.from(), now, RETENTION)).isTrue();
                        long buckets =
                                Duration.between(segment.from(), segment.to()).dividedBy(segment.size().length());
                        assertThat(buckets).isPositive().isLessThanOrEqualTo(RollupQuery.MAX_BUCKETS);
                    }
                });
    }

    private static Segment segment(BucketSize size, String from, String to) {
        return new Segment(size, Instant.parse(from), Instant.parse(to));
    }

    private static void assertContiguous(List<Segment> segments, Instant from, Instant to) {
        Instant at = from;
        for (Segment segment : segments) {
            assertThat(segment.from()).isEqualTo(at);
            assertThat(segment.size().isAligned(segment.from())).isTrue();
            assertThat(segment.size().isAligned(segment.to())).isTrue();
            at = segment.to();
        }
        assertThat(at).isEqualTo(to);
    }
}
