package io.funnelstream.engine.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.Counts;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupSnapshot;
import io.funnelstream.engine.rollup.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RollupsSourceTests {

    private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");

    private final RollupsSource source = new RollupsSource(new FakeRollupStore());
    private final RollupQuery days = new RollupQuery(TenantId.random(), Scope.all(), BucketSize.DAY, DAY,
            DAY.plus(Duration.ofDays(3)));

    @Test
    void shouldSumAReadOnceWhileItsBucketsAreTheSameAndAgainWhenOneChanges() {
        Counts first = Counts.of(Map.of("stage.sent", 3L, "rt.b.500", 1L));
        Counts second = Counts.of(Map.of("stage.sent", 4L));
        Counts third = Counts.of(Map.of("stage.delivered", 2L));

        Counts sum = source.sum(snapshot(first, second, third));
        assertThat(sum.values()).containsOnly(
                Map.entry("stage.sent", 7L), Map.entry("rt.b.500", 1L), Map.entry("stage.delivered", 2L));
        assertThat(source.sum(snapshot(first, second, third))).as("the same instances").isSameAs(sum);

        Counts secondLater = Counts.of(Map.of("stage.sent", 4L));
        assertThat(source.sum(snapshot(first, secondLater, third))).as("an equal bucket, another instance")
                .isEqualTo(sum).isNotSameAs(sum);
        Counts thirdLater = Counts.of(Map.of("stage.delivered", 5L));
        assertThat(source.sum(snapshot(first, secondLater, thirdLater)).get("stage.delivered")).isEqualTo(5);
        assertThat(source.sum(new RollupSnapshot(days, new TreeMap<>(Map.of(DAY, first)))).get("stage.sent"))
                .as("a bucket gone").isEqualTo(3);
    }

    private RollupSnapshot snapshot(Counts... buckets) {
        TreeMap<Instant, Counts> map = new TreeMap<>();
        for (int i = 0; i < buckets.length; i++) {
            map.put(DAY.plus(Duration.ofDays(i)), buckets[i]);
        }
        return new RollupSnapshot(days, map);
    }
}
