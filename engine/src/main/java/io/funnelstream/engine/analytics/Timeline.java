package io.funnelstream.engine.analytics;

import io.funnelstream.engine.metrics.DeliveryReport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One slice's metrics bucket by bucket, every bucket of the range present (empty ones too).
 *
 * @param plan what was read
 * @param buckets the buckets, ascending
 */
public record Timeline(TimelinePlan plan, List<Bucket> buckets) {

    public Timeline {
        Objects.requireNonNull(plan, "plan");
        buckets = List.copyOf(buckets);
    }

    /**
     * One bucket of the timeline.
     *
     * @param start where it starts
     * @param end where it ends (exclusive)
     * @param day the local day, for day buckets
     * @param hours how many hour rollups made a local day (23, 24 or 25 across clock changes); 0 otherwise
     * @param report its metrics
     */
    public record Bucket(Instant start, Instant end, @Nullable LocalDate day, int hours, DeliveryReport report) {}
}
