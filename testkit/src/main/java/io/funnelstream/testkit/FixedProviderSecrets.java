package io.funnelstream.testkit;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.ProviderSecrets;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The same secrets for every tenant and provider; changes are ignored. For senders under test or load. */
public record FixedProviderSecrets(Map<String, String> secrets) implements ProviderSecrets {

    public FixedProviderSecrets {
        secrets = Map.copyOf(secrets);
    }

    @Override
    public Mono<Map<String, String>> find(TenantId tenant, Provider provider) {
        return Mono.just(secrets);
    }

    @Override
    public Mono<Void> put(TenantId tenant, Provider provider, Map<String, String> values) {
        return Mono.empty();
    }

    @Override
    public Mono<Boolean> delete(TenantId tenant, Provider provider) {
        return Mono.just(false);
    }

    @Override
    public Flux<Configured> list(TenantId tenant) {
        return Flux.empty();
    }

    @Override
    public Mono<Long> reseal(TenantId tenant) {
        return Mono.just(0L);
    }
}
