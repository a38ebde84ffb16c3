package io.funnelstream.engine.analytics;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The time range a request asks about, and the time zone its dates and days are read in.
 *
 * @param from the start (inclusive)
 * @param to the end (exclusive), after {@code from}
 * @param zone the time zone of dates and of day buckets
 */
public record TimeRange(Instant from, Instant to, ZoneId zone) {

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(zone, "zone");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to: [" + from + ", " + to + ")");
        }
    }
}
