package io.funnelstream.engine.stream;

import io.funnelstream.engine.model.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What a valid stream token allows: streams of one tenant, on behalf of one API key, until it expires.
 *
 * @param tenant whose streams
 * @param apiKeyId the key the token was issued to; when it is revoked the token and its streams stop
 * @param expiresAt the token is refused from then on (open streams are not cut by expiry)
 */
public record StreamGrant(TenantId tenant, UUID apiKeyId, Instant expiresAt) {

    public StreamGrant {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(apiKeyId, "apiKeyId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
