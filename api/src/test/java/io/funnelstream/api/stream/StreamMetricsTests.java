package io.funnelstream.api.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-minute gauges count the trailing sixty seconds, and forget what is older. */
class StreamMetricsTests {

    @Test
    void shouldShowReconnectsAndDropsOfTheTrailingMinute() {
        AtomicLong second = new AtomicLong(1_000);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StreamMetrics metrics = new StreamMetrics(registry, second::get);
        metrics.reconnected(true);
        metrics.reconnected(false);
        metrics.stalled();
        second.addAndGet(30);
        metrics.reconnected(true);
        metrics.conflated();
        assertThat(gauge(registry, "funnelstream.stream.reconnects.per.minute")).isEqualTo(3);
        assertThat(gauge(registry, "funnelstream.stream.drops.per.minute")).isEqualTo(2);
        second.addAndGet(45);
        assertThat(gauge(registry, "funnelstream.stream.reconnects.per.minute")).isEqualTo(1);
        assertThat(gauge(registry, "funnelstream.stream.drops.per.minute")).isEqualTo(1);
        // Second 1090 falls in the slot of second 1030: it is reused, not added to.
        second.set(1_090);
        metrics.reconnected(true);
        assertThat(gauge(registry, "funnelstream.stream.reconnects.per.minute")).isEqualTo(1);
        assertThat(registry.get("funnelstream.stream.reconnects").tag("source", "ring").counter().count()).isEqualTo(3);
    }

    static double gauge(SimpleMeterRegistry registry, String name) {
        return registry.get(name).gauge().value();
    }
}
