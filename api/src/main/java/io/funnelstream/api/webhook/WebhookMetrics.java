package io.funnelstream.api.webhook;

import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    // Meters found once per tag combination (the sets are small and fixed), not looked up again for every request.
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Counter> events = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void request(String provider, Outcome outcome, String reason) {
        requests.computeIfAbsent(provider + '\n' + outcome.tag() + '\n' + reason, key -> Counter.builder(REQUESTS)
                        .description("Provider webhook requests by outcome")
                        .tags("provider", provider, "outcome", outcome.tag(), "reason", reason)
                        .register(registry))
                .increment();
    }

    void appended(String provider, List<MessageEvent> appended) {
        if (appended.size() == 1) {
            eventsCounter(provider, appended.getFirst().type()).increment();
            return;
        }
        Map<EventType, Long> byType = appended.stream()
                .collect(Collectors.groupingBy(MessageEvent::type, () -> new EnumMap<>(EventType.class),
                        Collectors.counting()));
        byType.forEach((type, count) -> eventsCounter(provider, type).increment(count));
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    void stop(Timer.Sample sample, String provider) {
        sample.stop(latencies.computeIfAbsent(provider, p -> Timer.builder(LATENCY)
                .description("Provider webhook requests from arrival to answer")
                .tags("provider", p)
                .publishPercentileHistogram()
                .register(registry)));
    }

    private Counter eventsCounter(String provider, EventType type) {
        return events.computeIfAbsent(provider + '\n' + type.slug(), key -> Counter.builder(EVENTS)
                .description("Provider webhook events appended to the event log")
                .tags("provider", provider, "type", type.slug())
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
