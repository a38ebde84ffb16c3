package io.funnelstream.api.webhook;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.ProviderSecrets;
import io.funnelstream.engine.webhook.ProviderCredentials;
import io.funnelstream.engine.webhook.ProviderCredentialsSource;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/**
 * A tenant's webhook credentials for one provider, read from its sealed {@link ProviderSecrets} and cached briefly
 * (bounded). "Not configured" is cached too, as {@link ProviderCredentials#none()}. An admin change through this
 * instance drops the entry at once; other instances see it when theirs expires.
 */
final class CachedCredentials implements ProviderCredentialsSource {

    private record Key(TenantId tenant, Provider provider) {}

    private final ProviderSecrets secrets;
    private final AsyncCache<Key, ProviderCredentials> cache;

    CachedCredentials(ProviderSecrets secrets, WebhookProperties.CacheSpec spec) {
        this.secrets = secrets;
        this.cache = Caffeine.newBuilder()
                .maximumSize(spec.maxEntries())
                .expireAfterWrite(spec.timeToLive())
                .buildAsync();
    }

    @Override
    public Mono<ProviderCredentials> credentials(TenantId tenant, Provider provider) {
        Key key = new Key(tenant, provider);
        return Mono.defer(() -> {
            CompletableFuture<ProviderCredentials> pending = cache.get(key, (k, executor) -> load(k).toFuture());
            // A failed load leaves the cache once its future completes; the next call must not find it first.
            return Mono.fromFuture(pending, true).doOnError(e -> cache.asMap().remove(key, pending));
        });
    }

    /** Forgets what is cached for the tenant and provider (after its secrets changed). */
    void invalidate(TenantId tenant, Provider provider) {
        cache.synchronous().invalidate(new Key(tenant, provider));
    }

    private Mono<ProviderCredentials> load(Key key) {
        return secrets.find(key.tenant(), key.provider())
                .map(values -> CredentialSchema.credentials(key.provider(), values))
                .defaultIfEmpty(ProviderCredentials.none());
    }
}
