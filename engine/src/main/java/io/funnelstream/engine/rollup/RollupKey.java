package io.funnelstream.engine.rollup;

import io.funnelstream.engine.model.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * One rollup: the counters of a tenant's scope over one bucket.
 *
 * @param tenant whose messages
 * @param scope which of them
 * @param size how long the bucket is
 * @param bucketStart where the bucket starts: aligned to {@code size}
 */
public record RollupKey(TenantId tenant, Scope scope, BucketSize size, Instant bucketStart) {

    public RollupKey {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(bucketStart, "bucketStart");
        if (!size.isAligned(bucketStart)) {
            throw new IllegalArgumentException(bucketStart + " does not start a " + size + " bucket");
        }
    }

    /** The key of the bucket of {@code size} that contains {@code at}. */
    public static RollupKey containing(TenantId tenant, Scope scope, BucketSize size, Instant at) {
        return new RollupKey(tenant, scope, size, size.start(at));
    }

    /** Where the bucket ends (exclusive). */
    public Instant bucketEnd() {
        return bucketStart.plus(size.length());
    }
}
