package io.funnelstream.engine.alert;

import io.funnelstream.engine.model.TenantId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One tenant's minute of webhook requests.
 *
 * @param tenant whose requests
 * @param minute the start of the minute (UTC, truncated)
 */
public record TenantMinute(TenantId tenant, Instant minute) {

    public TenantMinute {
        Objects.requireNonNull(tenant, "tenant");
        minute = Objects.requireNonNull(minute, "minute").truncatedTo(ChronoUnit.MINUTES);
    }
}
