package io.funnelstream.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.funnelstream.engine.rollup.Counts;
import io.funnelstream.engine.rollup.LatencySketch;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupKey;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.Scope;
import io.funnelstream.engine.model.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RatesTests {

    private static final Counts EMAIL = Counts.of(Map.ofEntries(
            Map.entry("stage.sent", 200L),
            Map.entry("stage.delivered", 180L),
            Map.entry("stage.bounced", 12L),
            Map.entry("stage.soft_bounced", 8L),
            Map.entry("stage.opened", 90L),
            Map.entry("stage.clicked", 30L),
            Map.entry("opens", 150L),
            Map.entry("opens.machine", 40L),
            Map.entry("funnel.viewed.unique", 45L),
            Map.entry("funnel.started.unique", 36L),
            Map.entry("funnel.completed.unique", 27L)));

    @Test
    void shouldComputeEachRateFromItsCounters() {
        assertThat(Rates.deliveryRate(EMAIL)).contains(new Rate(180, 200));
        assertThat(Rates.bounceRate(EMAIL)).contains(new Rate(20, 200));
        assertThat(Rates.hardBounceRate(EMAIL)).contains(new Rate(12, 200));
        assertThat(Rates.uniqueOpenRate(EMAIL)).contains(new Rate(90, 180));
        assertThat(Rates.totalOpenRate(EMAIL)).contains(new Rate(150, 180));
        assertThat(Rates.machineOpenRate(EMAIL)).contains(new Rate(40, 180));
        assertThat(Rates.clickRate(EMAIL)).contains(new Rate(30, 90));
        assertThat(Rates.readRate(EMAIL)).contains(new Rate(0, 180));
        assertThat(Rates.viewRate(EMAIL)).contains(new Rate(45, 180));
        assertThat(Rates.responseRate(EMAIL)).contains(new Rate(27, 180));
        assertThat(Rates.responseRate(EMAIL).orElseThrow().value()).isEqualTo(0.15);
    }

    @Test
    void shouldGiveNoRateForAZeroDenominator() {
        Counts nothingSent = Counts.of(Map.of("stage.queued", 10L));

        assertThat(Rates.deliveryRate(nothingSent)).isEmpty();
        assertThat(Rates.bounceRate(nothingSent)).isEmpty();
        assertThat(Rates.uniqueOpenRate(nothingSent)).isEmpty();
        assertThat(Rates.clickRate(nothingSent)).isEmpty();
        assertThat(Rates.responseRate(Counts.empty())).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> new Rate(1, 0));

        DeliveryReport report = DeliveryReport.of(nothingSent);
        assertThat(report.deliveryRate()).isNull();
        assertThat(report.readRate()).isNull();
        assertThat(report.responseTimes().mean()).isNull();
        assertThat(report.responseTimes().p99()).isNull();
        assertThat(report.funnel().steps()).allSatisfy(step -> assertThat(step.fromFirst()).isNull());
    }

    @Test
    void shouldReportResponseTimesFromTheSketch() {
        RollupKey key = RollupKey.containing(TenantId.random(), Scope.all(), BucketSize.DAY, Instant.EPOCH);
        RollupDelta.Builder builder = RollupDelta.builder();
        for (int minutes = 1; minutes <= 100; minutes++) {
            LatencySketch.addTo(builder, key, Duration.ofMinutes(minutes));
        }

        ResponseTimes times = DeliveryReport.of(builder.build().counts(key)).responseTimes();

        assertThat(times.count()).isEqualTo(100);
        assertThat(times.mean()).isEqualTo(Duration.ofSeconds(3030));
        assertThat(times.p50().toSeconds()).isBetween(49 * 60 - 30L, 50 * 60 + 30L);
        assertThat(times.p90().toSeconds()).isBetween(89 * 60 - 54L, 90 * 60 + 54L);
        assertThat(times.p99().toSeconds()).isBetween(98 * 60 - 59L, 99 * 60 + 60L);
    }

    @Test
    void shouldShowTheDropOffAtEveryFunnelStep() {
        Funnel funnel = Funnel.of(EMAIL);

        assertThat(funnel.steps()).extracting(Funnel.Step::name)
                .containsExactly("sent", "delivered", "viewed", "started", "completed");
        assertThat(funnel.steps()).extracting(Funnel.Step::count).containsExactly(200L, 180L, 45L, 36L, 27L);
        assertThat(funnel.steps()).extracting(Funnel.Step::dropOff).containsExactly(0L, 20L, 135L, 9L, 9L);
        Funnel.Step started = funnel.steps().get(3);
        assertThat(started.fromPrevious()).isEqualTo(new Rate(36, 45));
        assertThat(started.dropOffRate()).isEqualTo(new Rate(9, 45));
        assertThat(started.fromFirst()).isEqualTo(new Rate(36, 200));
        assertThat(funnel.steps().getFirst().fromPrevious()).isNull();
    }

    @Test
    void shouldLeaveNoConversionAfterAnEmptyStep() {
        Funnel funnel = Funnel.of(Counts.of(Map.of("stage.sent", 5L)));

        Funnel.Step viewed = funnel.steps().get(2);
        assertThat(viewed.fromPrevious()).isNull();
        assertThat(viewed.dropOffRate()).isNull();
        assertThat(funnel.steps().get(1).fromPrevious()).isEqualTo(new Rate(0, 5));
    }
}
