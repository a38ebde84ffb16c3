package io.funnelstream.infra.redis;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.RollupKey;
import io.funnelstream.engine.rollup.WindowId;

/**
 * The key layout. Every key of a tenant carries the tenant in a hash tag, {@code <prefix>:{<tenant>}:...},
 * so Redis Cluster keeps a tenant in one slot and one script may touch all its keys.
 *
 * <ul>
 *   <li>{@code <prefix>:{<tenant>}:r:<scope>:<size>:<bucket start, unix seconds>}: a rollup hash, counter
 *       name to count, e.g. {@code fs:{7f1d...}:r:ch=email:h:1793610000}.
 *   <li>{@code <prefix>:{<tenant>}:w:<partition>/<first>-<last>}: marks a window applied; expires.
 *   <li>{@code <prefix>:{<tenant>}:meta}: hash of {@code applied:<partition>}, {@code covered:<partition>},
 *       {@code rebuilt_at} (unix ms) and {@code rebuilding}.
 * </ul>
 */
final class RedisRollupKeys {

    private final String prefix;

    RedisRollupKeys(String prefix) {
        this.prefix = prefix;
    }

    String rollup(RollupKey key) {
        return tenant(key.tenant()) + ":r:" + key.scope().code() + ":" + key.size().code() + ":"
                + key.bucketStart().getEpochSecond();
    }

    String window(TenantId tenant, WindowId window) {
        return tenant(tenant) + ":w:" + window.value();
    }

    String meta(TenantId tenant) {
        return tenant(tenant) + ":meta";
    }

    /** A SCAN pattern matching every rollup of the tenant. */
    String rollupPattern(TenantId tenant) {
        return tenant(tenant) + ":r:*";
    }

    /** A SCAN pattern matching every window marker of the tenant. */
    String windowPattern(TenantId tenant) {
        return tenant(tenant) + ":w:*";
    }

    private String tenant(TenantId tenant) {
        return prefix + ":{" + tenant.value() + "}";
    }
}
