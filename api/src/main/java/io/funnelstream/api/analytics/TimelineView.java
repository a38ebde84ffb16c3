package io.funnelstream.api.analytics;

import io.funnelstream.engine.analytics.Timeline;
import io.funnelstream.engine.analytics.TimelinePlan;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A slice's metrics bucket by bucket, every bucket of the range present.
 *
 * @param bucket minute, hour or day
 * @param timeZone the zone of day buckets
 * @param localDays true when days are local days summed from UTC hour rollups
 * @param from the first bucket's start
 * @param to the last bucket's end (exclusive)
 * @param filter the slice
 * @param buckets the buckets, ascending
 */
@Schema(name = "Timeline")
record TimelineView(
        String bucket,
        String timeZone,
        boolean localDays,
        Instant from,
        Instant to,
        ReportViews.FilterView filter,
        List<BucketView> buckets) {

    static TimelineView of(Timeline timeline) {
        TimelinePlan plan = timeline.plan();
        UUID distribution = plan.slice().distribution();
        String channel = plan.slice().channel() == null ? null : plan.slice().channel().slug();
        List<BucketView> buckets = timeline.buckets().stream()
                .map(b -> new BucketView(b.start(), b.end(), b.day(), plan.localDays() ? b.hours() : null,
                        MetricsView.of(b.report())))
                .toList();
        Instant from = buckets.isEmpty() ? plan.from() : buckets.getFirst().start();
        Instant to = buckets.isEmpty() ? plan.to() : buckets.getLast().end();
        return new TimelineView(plan.size().name().toLowerCase(Locale.ROOT), plan.zone().getId(), plan.localDays(),
                from, to, new ReportViews.FilterView(channel, distribution), buckets);
    }

    @Schema(name = "TimelineBucket")
    record BucketView(
            Instant start,
            Instant end,
            @Schema(description = "The date, for day buckets") @Nullable LocalDate day,
            @Schema(description = "Hour rollups summed into a local day: 23, 24 or 25 across clock changes")
                    @Nullable Integer hours,
            MetricsView metrics) {}
}
