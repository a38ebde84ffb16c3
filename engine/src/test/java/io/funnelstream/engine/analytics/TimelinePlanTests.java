package io.funnelstream.engine.analytics;

import static io.funnelstream.engine.analytics.ParametersTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.RollupRetention;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimelinePlanTests {

    private static final Instant NOW = Instant.parse("2026-11-25T10:17:42Z");
    private static final RollupRetention RETENTION = RollupRetention.DEFAULT;

    @Test
    void shouldWidenTheRangeToWholeBuckets() {
        TimeRange range = new TimeRange(
                Instant.parse("2026-11-24T10:30:00Z"), Instant.parse("2026-11-24T13:05:00Z"), ZoneOffset.UTC);

        TimelinePlan plan = valid(TimelinePlan.of(Slice.all(), BucketSize.HOUR, range, NOW, RETENTION));

        assertThat(plan.localDays()).isFalse();
        assertThat(plan.from()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(plan.to()).isEqualTo(Instant.parse("2026-11-24T14:00:00Z"));
    }

    @Test
    void shouldSumLocalDaysFromTheHoursOfEachDay() {
        ZoneId newYork = ZoneId.of("America/New_York");
        TimeRange range = new TimeRange(
                Instant.parse("2026-11-01T04:00:00Z"), Instant.parse("2026-11-03T05:00:00Z"), newYork);

        TimelinePlan plan = valid(TimelinePlan.of(Slice.all(), BucketSize.DAY, range, NOW, RETENTION));

        assertThat(plan.localDays()).isTrue();
        assertThat(plan.from()).isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
        assertThat(plan.to()).isEqualTo(Instant.parse("2026-11-03T05:00:00Z"));
        assertThat(plan.query(TenantId.random()).size()).isEqualTo(BucketSize.HOUR);
    }

    @Test
    void shouldRefuseMoreBucketsThanOneReadServesStatingTheLimit() {
        TimeRange eightDays = new TimeRange(NOW.minus(Duration.ofDays(8)), NOW, ZoneOffset.UTC);

        assertProblem(TimelinePlan.of(Slice.all(), BucketSize.MINUTE, eightDays, NOW, RETENTION),
                "too-many-buckets", "at most 10000");
        TimeRange twoYears = new TimeRange(NOW.minus(Duration.ofDays(500)), NOW, ZoneId.of("Asia/Tokyo"));
        assertProblem(TimelinePlan.of(Slice.all(), BucketSize.DAY, twoYears, NOW, RETENTION),
                "too-many-buckets", "hour rollups");
    }

    @Test
    void shouldRefuseBucketsOlderThanTheirRollupsAreKept() {
        TimeRange lastWeekHour = new TimeRange(
                NOW.minus(Duration.ofDays(7)), NOW.minus(Duration.ofDays(7)).plusSeconds(3600), ZoneOffset.UTC);

        assertProblem(TimelinePlan.of(Slice.all(), BucketSize.MINUTE, lastWeekHour, NOW, RETENTION),
                "beyond-retention", "minute rollups are kept for 2 days");
        assertThat(TimelinePlan.of(Slice.all(), BucketSize.HOUR, lastWeekHour, NOW, RETENTION))
                .isInstanceOf(Parsed.Valid.class);
    }

    private static TimelinePlan valid(Parsed<TimelinePlan> parsed) {
        assertThat(parsed).isInstanceOf(Parsed.Valid.class);
        return ((Parsed.Valid<TimelinePlan>) parsed).value();
    }
}
