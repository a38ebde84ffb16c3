package io.funnelstream.engine.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An API key as listed: everything but the secret, which is never stored.
 *
 * @param id the key's id
 * @param tenant the tenant it acts for
 * @param name what its owner called it
 * @param keyPrefix the first characters of the key, enough to recognise it
 * @param role what it may do
 * @param createdAt when it was issued
 * @param revokedAt when it was revoked, or null while it is live
 */
public record ApiKey(
        UUID id,
        TenantId tenant,
        String name,
        String keyPrefix,
        Role role,
        Instant createdAt,
        @Nullable Instant revokedAt) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }
}
