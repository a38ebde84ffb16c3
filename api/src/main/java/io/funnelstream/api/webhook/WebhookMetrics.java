package io.funnelstream.api.webhook;

import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The webhook edge's meters. Tags take only values from fixed sets (provider slugs, outcomes, problem slugs, event
 * types), never request input, so their number stays bounded.
 *
 * <ul>
 *   <li>{@code funnelstream.webhooks.requests} (provider, outcome, reason): outcome {@code accepted},
 *       {@code duplicate}, {@code rejected} or {@code unavailable}; reason what was accepted ({@code events},
 *       {@code challenge}, {@code subscription-confirmed}, {@code acknowledged}) or the problem slug
 *   <li>{@code funnelstream.webhooks.events} (provider, type): events appended, by canonical type
 *       ({@code unknown} for types this version does not know)
 *   <li>{@code funnelstream.webhooks.latency} (provider): from request to answer
 * </ul>
 */
final class WebhookMetrics {

    static final String REQUESTS = "funnelstream.webhooks.requests";
    static final String EVENTS = "funnelstream.webhooks.events";
    static final String LATENCY = "funnelstream.webhooks.latency";
    static final String UNKNOWN_PROVIDER = "unknown";

    private final MeterRegistry registry;

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void request(String provider, Outcome outcome, String reason) {
        Counter.builder(REQUESTS)
                .description("Provider webhook requests by outcome")
                .tags("provider", provider, "outcome", outcome.tag(), "reason", reason)
                .register(registry)
                .increment();
    }

    void appended(String provider, List<MessageEvent> events) {
        Map<EventType, Long> byType = events.stream()
                .collect(Collectors.groupingBy(MessageEvent::type, () -> new EnumMap<>(EventType.class),
                        Collectors.counting()));
        byType.forEach((type, count) -> Counter.builder(EVENTS)
                .description("Provider webhook events appended to the event log")
                .tags("provider", provider, "type", type.slug())
                .register(registry)
                .increment(count));
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    void stop(Timer.Sample sample, String provider) {
        sample.stop(Timer.builder(LATENCY)
                .description("Provider webhook requests from arrival to answer")
                .tags("provider", provider)
                .publishPercentileHistogram()
                .register(registry));
    }

    enum Outcome {
        ACCEPTED("accepted"),
        DUPLICATE("duplicate"),
        REJECTED("rejected"),
        UNAVAILABLE("unavailable");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }

        String tag() {
            return tag;
        }
    }
}
