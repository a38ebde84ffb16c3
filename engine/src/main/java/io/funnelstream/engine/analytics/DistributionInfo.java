package io.funnelstream.engine.analytics;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A distribution as analytics name it.
 *
 * @param id its id
 * @param name its name
 * @param status {@code draft}, {@code scheduled}, {@code running}, {@code paused}, {@code cancelled} or
 *     {@code completed}
 * @param createdAt when it was created
 */
public record DistributionInfo(UUID id, String name, String status, Instant createdAt) {

    public DistributionInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
