package io.funnelstream.engine.alert;

import io.funnelstream.engine.model.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * The embedded default's tally store: this process's memory. Minutes older than {@code retention} before the
 * latest one added are dropped.
 */
public final class InMemoryWebhookTallyStore implements WebhookTallyStore {

    private final Map<TenantMinute, WebhookCounts> minutes = new ConcurrentHashMap<>();
    private final Duration retention;

    public InMemoryWebhookTallyStore(Duration retention) {
        if (retention.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("retention must be at least a minute: " + retention);
        }
        this.retention = retention;
    }

    @Override
    public Mono<Void> add(Map<TenantMinute, WebhookCounts> counts) {
        return Mono.fromRunnable(() -> {
            Instant latest = Instant.MIN;
            for (Map.Entry<TenantMinute, WebhookCounts> e : counts.entrySet()) {
                minutes.merge(e.getKey(), e.getValue(), WebhookCounts::plus);
                latest = e.getKey().minute().isAfter(latest) ? e.getKey().minute() : latest;
            }
            if (!counts.isEmpty()) {
                Instant oldest = latest.minus(retention);
                minutes.keySet().removeIf(key -> key.minute().isBefore(oldest));
            }
        });
    }

    @Override
    public Mono<WebhookCounts> read(TenantId tenant, Instant from, Instant to) {
        return Mono.fromCallable(() -> {
            WebhookCounts sum = WebhookCounts.NONE;
            for (Instant minute : TenantMinute.startsWithin(from, to)) {
                WebhookCounts counts = minutes.get(new TenantMinute(tenant, minute));
                if (counts != null) {
                    sum = sum.plus(counts);
                }
            }
            return sum;
        });
    }
}
