package io.funnelstream.engine.rollup;

import static io.funnelstream.engine.rollup.RollupScenarios.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LocalDaysTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final LocalDate NOV_2 = LocalDate.of(2026, 11, 2);

    @Test
    void shouldReadTheUtcHoursOfALocalDay() {
        RollupQuery query = LocalDays.hoursOf(TENANT, Scope.all(), NOV_2, NOV_2.plusDays(1), BERLIN);

        assertThat(query.size()).isEqualTo(BucketSize.HOUR);
        assertThat(query.from()).isEqualTo(Instant.parse("2026-11-01T23:00:00Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-11-02T23:00:00Z"));
    }

    @Test
    void shouldGiveTheDayOfTheClockChangeItsTwentyFiveHours() {
        LocalDate lastSundayOfOctober = LocalDate.of(2026, 10, 25);

        RollupQuery query = LocalDays.hoursOf(TENANT, Scope.all(), lastSundayOfOctober,
                lastSundayOfOctober.plusDays(1), BERLIN);

        assertThat(query.bucketCount()).isEqualTo(25);
    }

    @Test
    void shouldSumHoursIntoLocalDaysKeepingEmptyDays() {
        RollupQuery query = LocalDays.hoursOf(TENANT, Scope.all(), NOV_2, NOV_2.plusDays(3), BERLIN);
        NavigableMap<Instant, Counts> hours = new TreeMap<>();
        hours.put(Instant.parse("2026-11-01T23:00:00Z"), sent(2)); // 00:00 Berlin, Nov 2
        hours.put(Instant.parse("2026-11-02T22:00:00Z"), sent(3)); // 23:00 Berlin, Nov 2
        hours.put(Instant.parse("2026-11-04T22:00:00Z"), sent(7)); // 23:00 Berlin, Nov 4

        NavigableMap<LocalDate, Counts> days = LocalDays.byDay(new RollupSnapshot(query, hours), BERLIN);

        assertThat(days).containsExactly(
                Map.entry(NOV_2, sent(5)), Map.entry(NOV_2.plusDays(1), Counts.empty()),
                Map.entry(NOV_2.plusDays(2), sent(7)));
    }

    @Test
    void shouldGiveAnHourStraddlingMidnightToTheDayHoldingItsMiddleInHalfHourZones() {
        RollupQuery query = LocalDays.hoursOf(TENANT, Scope.all(), NOV_2, NOV_2.plusDays(1), KOLKATA);

        // Midnight in Kolkata is 18:30Z: the hour from 18:00Z is half in each day and goes to the later one.
        assertThat(query.from()).isEqualTo(Instant.parse("2026-11-01T18:00:00Z"));
        assertThat(query.bucketCount()).isEqualTo(24);
        assertThat(LocalDays.dayOf(Instant.parse("2026-11-01T18:00:00Z"), KOLKATA)).isEqualTo(NOV_2);
        assertThat(LocalDays.dayOf(Instant.parse("2026-11-01T17:00:00Z"), KOLKATA)).isEqualTo(NOV_2.minusDays(1));
    }

    @Test
    void shouldBuildDaysOnlyFromHours() {
        RollupQuery minutes = new RollupQuery(TENANT, Scope.all(), BucketSize.MINUTE,
                Instant.parse("2026-11-02T00:00:00Z"), Instant.parse("2026-11-02T01:00:00Z"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalDays.byDay(new RollupSnapshot(minutes, new TreeMap<>()), BERLIN));
    }

    private static Counts sent(long n) {
        return Counts.of(Map.of("stage.sent", n));
    }
}
