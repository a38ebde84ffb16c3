package io.funnelstream.api.webhook;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.TenantDirectory;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * Webhook key to tenant, with known keys cached for a while (bounded). Unknown keys are never cached, so guessing
 * cannot fill the cache; a key that cannot be one is refused without a database round trip.
 */
final class TenantKeys {

    private static final Pattern PLAUSIBLE = Pattern.compile("[A-Za-z0-9_-]{16,256}");

    private final TenantDirectory directory;
    private final AsyncCache<String, TenantId> cache;

    TenantKeys(TenantDirectory directory, WebhookProperties.CacheSpec spec) {
        this.directory = directory;
        this.cache = Caffeine.newBuilder()
                .maximumSize(spec.maxEntries())
                .expireAfterWrite(spec.timeToLive())
                .buildAsync();
    }

    /** The tenant of the key, or empty. */
    Mono<TenantId> resolve(String webhookKey) {
        if (!PLAUSIBLE.matcher(webhookKey).matches()) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            CompletableFuture<TenantId> pending =
                    cache.get(webhookKey, (key, executor) -> directory.resolveWebhookKey(key).toFuture());
            // Caffeine drops failed and empty loads once their future completes; the next call must not find them.
            return Mono.fromFuture(pending, true)
                    .doOnError(e -> cache.asMap().remove(webhookKey, pending))
                    .switchIfEmpty(Mono.fromRunnable(() -> cache.asMap().remove(webhookKey, pending)));
        });
    }
}
