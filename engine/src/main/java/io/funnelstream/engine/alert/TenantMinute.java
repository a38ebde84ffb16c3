package io.funnelstream.engine.alert;

import io.funnelstream.engine.model.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
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

    /** The starts of the minutes that start within {@code [from, to)}, in order. */
    public static List<Instant> startsWithin(Instant from, Instant to) {
        List<Instant> out = new ArrayList<>();
        Instant minute = from.truncatedTo(ChronoUnit.MINUTES);
        if (minute.isBefore(from)) {
            minute = minute.plus(Duration.ofMinutes(1));
        }
        for (; minute.isBefore(to); minute = minute.plus(Duration.ofMinutes(1))) {
            out.add(minute);
        }
        return out;
    }
}
