package io.funnelstream.engine.alert;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupChangeFeed;
import io.funnelstream.engine.port.RollupsChanged;
import io.funnelstream.engine.rollup.Scope;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * Every {@code interval}, moves the {@link WebhookTally} to the {@link WebhookTallyStore} and announces each tenant
 * it counted for on the {@link RollupChangeFeed} (scope {@code all}), so that the tenant's overview re-evaluates its
 * webhook failure alert even when no event reached the rollups (refused requests append none). A failed write puts
 * the counts back for the next flush.
 */
public final class WebhookTallyFlusher {

    private static final Logger log = Loggers.getLogger(WebhookTallyFlusher.class);

    private final WebhookTally tally;
    private final WebhookTallyStore store;
    private final RollupChangeFeed feed;
    private final Duration interval;
    private final Scheduler scheduler;

    public WebhookTallyFlusher(WebhookTally tally, WebhookTallyStore store, RollupChangeFeed feed, Duration interval,
            Scheduler scheduler) {
        this.tally = Objects.requireNonNull(tally, "tally");
        this.store = Objects.requireNonNull(store, "store");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** Flushes every interval while subscribed; emits how many tenant minutes each flush wrote. */
    public Flux<Integer> run() {
        return Flux.interval(interval, interval, scheduler)
                .onBackpressureDrop()
                .concatMap(tick -> flush(), 0)
                .name("webhook-tally-flush");
    }

    /** Moves what was counted to the store, then announces the tenants. */
    public Mono<Integer> flush() {
        return Mono.defer(() -> {
            Map<TenantMinute, WebhookCounts> counts = tally.drain();
            if (counts.isEmpty()) {
                return Mono.just(0);
            }
            Set<TenantId> tenants = counts.keySet().stream().map(TenantMinute::tenant).collect(Collectors.toSet());
            return store.add(counts)
                    .then(Flux.fromIterable(tenants)
                            .concatMap(tenant -> feed.publish(new RollupsChanged(tenant, Set.of(Scope.all())))
                                    .onErrorResume(e -> Mono.empty()))
                            .then())
                    .thenReturn(counts.size())
                    .onErrorResume(e -> {
                        log.warn("webhook tally not written, kept for the next flush: {}", e.toString());
                        tally.restore(counts);
                        return Mono.just(0);
                    });
        });
    }
}
