package io.funnelstream.engine.rollup;

import io.funnelstream.engine.model.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A read of one scope's rollups of one bucket size over {@code [from, to)}: the buckets starting in the range.
 *
 * @param tenant whose rollups
 * @param scope which scope
 * @param size which bucket size
 * @param from the start of the first bucket, aligned to {@code size}
 * @param to the end of the last bucket (exclusive), aligned to {@code size}, not before {@code from}, at most
 *     {@value #MAX_BUCKETS} buckets after it
 */
public record RollupQuery(TenantId tenant, Scope scope, BucketSize size, Instant from, Instant to) {

    /** The most buckets one query reads. */
    public static final int MAX_BUCKETS = 10_000;

    public RollupQuery {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!size.isAligned(from) || !size.isAligned(to)) {
            throw new IllegalArgumentException("[" + from + ", " + to + ") is not aligned to " + size + " buckets");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("range ends before it starts: [" + from + ", " + to + ")");
        }
        if ((to.getEpochSecond() - from.getEpochSecond()) / size.length().toSeconds() > MAX_BUCKETS) {
            throw new IllegalArgumentException("more than " + MAX_BUCKETS + " " + size + " buckets");
        }
    }

    /** The query of the buckets that overlap {@code [from, to)}: the range widened to bucket bounds. */
    public static RollupQuery covering(TenantId tenant, Scope scope, BucketSize size, Instant from, Instant to) {
        Instant end = size.isAligned(to) ? to : size.start(to).plus(size.length());
        return new RollupQuery(tenant, scope, size, size.start(from), end);
    }

    /** The number of buckets in the range. */
    public int bucketCount() {
        return (int) ((to.getEpochSecond() - from.getEpochSecond()) / size.length().toSeconds());
    }

    /** The starts of the buckets in the range, ascending. */
    public List<Instant> bucketStarts() {
        List<Instant> out = new ArrayList<>(bucketCount());
        for (Instant at = from; at.isBefore(to); at = at.plus(size.length())) {
            out.add(at);
        }
        return out;
    }

    /** The keys of the buckets in the range, ascending. */
    public List<RollupKey> keys() {
        return bucketStarts().stream().map(at -> new RollupKey(tenant, scope, size, at)).toList();
    }

    /** True when the key is one of the range's buckets. */
    public boolean contains(RollupKey key) {
        return key.tenant().equals(tenant)
                && key.scope().equals(scope)
                && key.size() == size
                && !key.bucketStart().isBefore(from)
                && key.bucketStart().isBefore(to);
    }
}
