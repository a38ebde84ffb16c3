package io.funnelstream.engine.model;

import java.util.Objects;
import java.util.UUID;

/**
 * Who a request acts as once its API key is resolved.
 *
 * @param apiKeyId the key used
 * @param tenant the tenant the key belongs to
 * @param role what the key may do
 */
public record ApiKeyPrincipal(UUID apiKeyId, TenantId tenant, Role role) {

    public ApiKeyPrincipal {
        Objects.requireNonNull(apiKeyId, "apiKeyId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(role, "role");
    }
}
