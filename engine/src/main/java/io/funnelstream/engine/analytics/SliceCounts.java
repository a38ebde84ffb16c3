package io.funnelstream.engine.analytics;

import io.funnelstream.engine.rollup.Counts;
import java.time.Instant;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a source holds for a {@link SliceQuery}: the counts of each bucket that has any, by bucket start.
 *
 * @param query what was read
 * @param buckets non-empty counts by bucket start, ascending; every start is one of the query's buckets
 */
public record SliceCounts(SliceQuery query, NavigableMap<Instant, Counts> buckets) {

    public SliceCounts {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(buckets, "buckets");
        TreeMap<Instant, Counts> copy = new TreeMap<>();
        buckets.forEach((start, counts) -> {
            boolean inside = !start.isBefore(query.from()) && start.isBefore(query.to())
                    && query.size().isAligned(start);
            if (!inside) {
                throw new IllegalArgumentException(start + " is not a bucket of " + query);
            }
            if (!counts.isEmpty()) {
                copy.put(start, counts);
            }
        });
        buckets = Collections.unmodifiableNavigableMap(copy);
    }

    /** The counts of one bucket, empty if it has none. */
    public Counts bucket(Instant start) {
        Counts counts = buckets.get(start);
        return counts == null ? Counts.empty() : counts;
    }

    /** The sum of every bucket. */
    public Counts totals() {
        return Sums.of(buckets.values());
    }
}
