package io.funnelstream.api.alert;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.funnelstream.engine.alert.AlertRuleStore;
import io.funnelstream.engine.alert.AlertRules;
import io.funnelstream.engine.model.TenantId;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/**
 * A tenant's alert rules, read from the {@link AlertRuleStore} and cached briefly (bounded): alerts are evaluated on
 * every update of every watched scope. An admin change through this instance drops the entry at once; other
 * instances see it when theirs expires.
 */
public final class CachedAlertRules {

    private final AlertRuleStore store;
    private final AsyncCache<TenantId, AlertRules> cache;

    public CachedAlertRules(AlertRuleStore store, long maxEntries, Duration timeToLive) {
        this.store = store;
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(timeToLive).buildAsync();
    }

    public Mono<AlertRules> rules(TenantId tenant) {
        return Mono.defer(() -> {
            CompletableFuture<AlertRules> pending = cache.get(tenant, (k, executor) -> store.rules(k).toFuture());
            return Mono.fromFuture(pending, true).doOnError(e -> cache.asMap().remove(tenant, pending));
        });
    }

    /** Forgets the tenant's cached rules (after they changed). */
    void invalidate(TenantId tenant) {
        cache.synchronous().invalidate(tenant);
    }

    AlertRuleStore store() {
        return store;
    }
}
