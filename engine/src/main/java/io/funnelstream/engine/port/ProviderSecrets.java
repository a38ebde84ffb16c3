package io.funnelstream.engine.port;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A tenant's secrets for each provider (API keys, signing keys, auth tokens), encrypted at rest. Values are
 * only ever read to call or verify a provider; listings show which names are set, never their values.
 */
public interface ProviderSecrets {

    /** The secrets set for this provider, or an empty Mono when none are. */
    Mono<Map<String, String>> find(TenantId tenant, Provider provider);

    /** Replaces the provider's secrets as a whole. */
    Mono<Void> put(TenantId tenant, Provider provider, Map<String, String> secrets);

    /** Removes them; true when there were any. */
    Mono<Boolean> delete(TenantId tenant, Provider provider);

    /** What is configured, without values. */
    Flux<Configured> list(TenantId tenant);

    /** Seals every stored secret of the tenant again under the current primary key (after a rotation). */
    Mono<Long> reseal(TenantId tenant);

    /** A provider with secrets set: their names and when they last changed. */
    record Configured(Provider provider, List<String> names, Instant updatedAt) {}
}
