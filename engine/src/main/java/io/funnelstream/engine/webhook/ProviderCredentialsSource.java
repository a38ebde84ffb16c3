package io.funnelstream.engine.webhook;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import reactor.core.publisher.Mono;

/** Port: where a tenant's webhook secrets are kept (encrypted at rest by the adapter). */
@FunctionalInterface
public interface ProviderCredentialsSource {

    /** The tenant's credentials for the provider; empty when the tenant configured none. */
    Mono<ProviderCredentials> credentials(TenantId tenant, Provider provider);
}
