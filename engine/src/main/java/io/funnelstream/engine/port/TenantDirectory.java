package io.funnelstream.engine.port;

import io.funnelstream.engine.model.ApiKey;
import io.funnelstream.engine.model.ApiKeyPrincipal;
import io.funnelstream.engine.model.IssuedApiKey;
import io.funnelstream.engine.model.Role;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.model.TenantRecord;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tenants and their API keys: who a request or a webhook speaks for.
 *
 * <p>API keys have the form {@code fsk_} followed by 32 random bytes in unpadded base64url. Only a hash of a
 * key is kept, so the plaintext is available once, from {@link #createApiKey}.
 */
public interface TenantDirectory {

    /**
     * Creates a tenant with a fresh webhook key. Fails with {@link IllegalArgumentException} for a malformed
     * slug and with {@link SlugTakenException} when another tenant has it.
     */
    Mono<TenantRecord> createTenant(String slug, String name);

    /** The tenant, or empty if there is none with this id. */
    Mono<TenantRecord> findTenant(TenantId tenant);

    /** Issues a key for the tenant; the result is the only place its plaintext ever appears. */
    Mono<IssuedApiKey> createApiKey(TenantId tenant, String name, Role role);

    /** The principal of a live key, or empty for an unknown, malformed or revoked key. */
    Mono<ApiKeyPrincipal> resolveApiKey(String plaintext);

    /** The tenant whose webhook URLs carry this key, or empty. */
    Mono<TenantId> resolveWebhookKey(String webhookKey);

    /**
     * Revokes one of the tenant's keys. True when this call revoked it; false when the tenant has no such
     * live key (unknown, another tenant's, or revoked already).
     */
    Mono<Boolean> revokeApiKey(TenantId tenant, UUID apiKeyId);

    /** The tenant's keys, live and revoked, oldest first. */
    Flux<ApiKey> listApiKeys(TenantId tenant);

    /** Another tenant already has the slug asked for. */
    final class SlugTakenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public SlugTakenException(String slug) {
            super("tenant slug already taken: " + slug);
        }
    }
}
