package io.funnelstream.api.analytics;

import io.funnelstream.engine.analytics.Cover;
import io.funnelstream.engine.analytics.TimeRange;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Locale;

/**
 * The time range figures cover: what was asked, and the whole buckets read for it.
 *
 * @param from start of the range covered (inclusive)
 * @param to end of the range covered (exclusive); past now for a range that reaches the present
 * @param resolution the finest bucket read: minute, hour or day
 * @param requestedFrom the start asked for
 * @param requestedTo the end asked for
 * @param timeZone the zone dates were read in
 */
@Schema(name = "Range", description = "Totals cover whole rollup buckets: [from, to) is the requested range widened"
        + " to the resolution's bucket bounds (minutes for ranges up to a day, hours up to 60 days, days beyond, and"
        + " coarser where finer rollups have expired). A range reaching now ends with the whole current bucket (today"
        + " for a week): nothing later than now has happened.")
record RangeView(
        Instant from, Instant to, String resolution, Instant requestedFrom, Instant requestedTo, String timeZone) {

    static RangeView of(Cover cover, TimeRange range) {
        return new RangeView(cover.from(), cover.to(), cover.resolution().name().toLowerCase(Locale.ROOT),
                range.from(), range.to(), range.zone().getId());
    }
}
