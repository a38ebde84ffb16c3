package io.funnelstream.engine.analytics;

import static io.funnelstream.engine.analytics.ParametersTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.metrics.DeliveryReport;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.rollup.Counter;
import io.funnelstream.engine.rollup.Counts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DistributionSortTests {

    private static final DistributionRow HALF = row("half", 10, 5);
    private static final DistributionRow ALL = row("all", 4, 4);
    private static final DistributionRow NONE_SENT = row("none", 0, 0);
    private static final DistributionRow QUARTER = row("quarter", 8, 2);

    @Test
    void shouldPutDistributionsWithoutAValueLastInBothDirections() {
        List<DistributionRow> rows = List.of(NONE_SENT, HALF, ALL, QUARTER);

        assertThat(sorted(rows, "deliveryRate,desc")).containsExactly(ALL, HALF, QUARTER, NONE_SENT);
        assertThat(sorted(rows, "deliveryRate,asc")).containsExactly(QUARTER, HALF, ALL, NONE_SENT);
    }

    @Test
    void shouldSortByCountsNamesAndCreationTime() {
        List<DistributionRow> rows = List.of(NONE_SENT, HALF, ALL, QUARTER);

        assertThat(sorted(rows, "sent")).containsExactly(HALF, QUARTER, ALL, NONE_SENT);
        assertThat(sorted(rows, "name")).containsExactly(ALL, HALF, NONE_SENT, QUARTER);
        assertThat(sorted(rows, "name,desc")).containsExactly(QUARTER, NONE_SENT, HALF, ALL);
        assertThat(sorted(rows, "createdAt,asc")).containsExactly(ALL, HALF, NONE_SENT, QUARTER);
    }

    @Test
    void shouldBreakTiesByName() {
        DistributionRow otherHalf = row("another half", 10, 5);

        assertThat(sorted(List.of(HALF, otherHalf), "deliveryRate,desc")).containsExactly(otherHalf, HALF);
    }

    @Test
    void shouldRefuseUnknownFieldsAndDirections() {
        assertProblem(DistributionSort.parse("popularity,desc"), "unknown-sort-field", "deliveryRate");
        assertProblem(DistributionSort.parse("sent,up"), "invalid-sort", "<field>,asc or <field>,desc");
        assertThat(DistributionSort.parse(null)).isEqualTo(Parsed.valid(DistributionSort.DEFAULT));
    }

    private static List<DistributionRow> sorted(List<DistributionRow> rows, String sort) {
        DistributionSort order = ((Parsed.Valid<DistributionSort>) DistributionSort.parse(sort)).value();
        return rows.stream().sorted(order.comparator()).toList();
    }

    private static DistributionRow row(String name, long sent, long delivered) {
        Instant created = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(name.length());
        DistributionInfo info = new DistributionInfo(UUID.nameUUIDFromBytes(name.getBytes()), name, "running", created);
        Counts counts = Counts.of(Map.of(
                Counter.reached(Stage.SENT), sent, Counter.reached(Stage.DELIVERED), delivered));
        return new DistributionRow(info, DeliveryReport.of(counts));
    }
}
