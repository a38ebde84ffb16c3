package io.funnelstream.engine.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A tenant as stored.
 *
 * @param id the tenant
 * @param slug unique, lower-case letters, digits and inner hyphens, at most 63 characters
 * @param name for display
 * @param webhookKey the secret path segment of the tenant's provider webhook URLs
 * @param createdAt when the tenant was created
 */
public record TenantRecord(TenantId id, String slug, String name, String webhookKey, Instant createdAt) {

    public TenantRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(webhookKey, "webhookKey");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Keeps the webhook key out of logs. */
    @Override
    public String toString() {
        return "TenantRecord[id=" + id + ", slug=" + slug + ", name=" + name + ", createdAt=" + createdAt + "]";
    }
}
