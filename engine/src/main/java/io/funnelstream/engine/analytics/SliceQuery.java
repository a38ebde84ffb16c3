package io.funnelstream.engine.analytics;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.RollupQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A read of one slice's counts in buckets of one size over {@code [from, to)}: what {@link RollupQuery} is
 * for a scope, for any {@link Slice}.
 *
 * @param tenant whose messages
 * @param slice which of them
 * @param size the bucket size
 * @param from the start of the first bucket, aligned to {@code size}
 * @param to the end of the last bucket (exclusive), aligned, after {@code from}, at most
 *     {@value RollupQuery#MAX_BUCKETS} buckets after it
 */
public record SliceQuery(TenantId tenant, Slice slice, BucketSize size, Instant from, Instant to) {

    public SliceQuery {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(slice, "slice");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!size.isAligned(from) || !size.isAligned(to)) {
            throw new IllegalArgumentException("[" + from + ", " + to + ") is not aligned to " + size + " buckets");
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("empty range [" + from + ", " + to + ")");
        }
        if (buckets(size, from, to) > RollupQuery.MAX_BUCKETS) {
            throw new IllegalArgumentException("more than " + RollupQuery.MAX_BUCKETS + " " + size + " buckets");
        }
    }

    /** The query of the buckets of {@code size} that overlap {@code [from, to)}. */
    public static SliceQuery covering(TenantId tenant, Slice slice, BucketSize size, Instant from, Instant to) {
        Instant end = size.isAligned(to) ? to : size.start(to).plus(size.length());
        return new SliceQuery(tenant, slice, size, size.start(from), end);
    }

    /** How many buckets of {@code size} cover {@code [from, to)} once widened to bucket bounds. */
    public static long bucketsCovering(BucketSize size, Instant from, Instant to) {
        Instant end = size.isAligned(to) ? to : size.start(to).plus(size.length());
        return buckets(size, size.start(from), end);
    }

    public int bucketCount() {
        return (int) buckets(size, from, to);
    }

    /** The starts of the buckets, ascending. */
    public List<Instant> bucketStarts() {
        List<Instant> out = new ArrayList<>(bucketCount());
        for (Instant at = from; at.isBefore(to); at = at.plus(size.length())) {
            out.add(at);
        }
        return out;
    }

    /** The same read from the rollups, when the slice has a scope. */
    public Optional<RollupQuery> rollupQuery() {
        return slice.scope().map(scope -> new RollupQuery(tenant, scope, size, from, to));
    }

    private static long buckets(BucketSize size, Instant from, Instant to) {
        return (to.getEpochSecond() - from.getEpochSecond()) / size.length().toSeconds();
    }
}
