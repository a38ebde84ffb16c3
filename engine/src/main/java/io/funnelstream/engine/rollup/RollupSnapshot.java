package io.funnelstream.engine.rollup;

import java.time.Instant;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a store held for a {@link RollupQuery}: the counts of each bucket that has any, by bucket start.
 *
 * @param query what was read
 * @param buckets non-empty counts by bucket start, ascending; every start is one of the query's buckets
 */
public record RollupSnapshot(RollupQuery query, NavigableMap<Instant, Counts> buckets) {

    public RollupSnapshot {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(buckets, "buckets");
        TreeMap<Instant, Counts> copy = new TreeMap<>();
        buckets.forEach((start, counts) -> {
            if (!query.contains(new RollupKey(query.tenant(), query.scope(), query.size(), start))) {
                throw new IllegalArgumentException(start + " is outside " + query);
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

    /** The counts over the whole range: the sum of the buckets (sketches merge by the same sum). */
    public Counts totals() {
        Counts sum = Counts.empty();
        for (Counts counts : buckets.values()) {
            sum = sum.plus(counts);
        }
        return sum;
    }
}
