package io.funnelstream.api.tracking;

import io.funnelstream.engine.model.SurveyEventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code funnelstream_tracking_events_total{type, outcome}} (accepted, bot, duplicate, opted-out, unavailable) and
 * {@code funnelstream_tracking_rejected_total{reason}} (the problem slug).
 */
final class TrackingMetrics {

    private final MeterRegistry registry;
    // Found once per (type, outcome), both from fixed sets, rather than looked up for every beacon.
    private final Map<String, Counter> events = new ConcurrentHashMap<>();

    TrackingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void event(SurveyEventType type, String outcome) {
        events.computeIfAbsent(type.slug() + '\n' + outcome, key -> Counter.builder("funnelstream.tracking.events")
                        .tag("type", type.slug())
                        .tag("outcome", outcome)
                        .register(registry))
                .increment();
    }

    void rejected(String reason) {
        Counter.builder("funnelstream.tracking.rejected").tag("reason", reason).register(registry).increment();
    }
}
