package io.funnelstream.api.tracking;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Rate limits by key (a token, a client address): one token bucket each, in memory, forgotten after a quiet
 * while. Per instance: behind a load balancer each instance limits on its own.
 */
final class TokenBuckets {

    private final TrackingProperties.Limit limit;
    private final Cache<String, Bucket> buckets;
    private final LongSupplier nanos;

    TokenBuckets(TrackingProperties.Limit limit, long maxKeys, LongSupplier nanos) {
        if (limit.capacity() < 1 || !(limit.perSecond() > 0)) {
            throw new IllegalArgumentException("a rate limit needs a capacity >= 1 and a positive rate: " + limit);
        }
        this.limit = limit;
        this.nanos = nanos;
        long idleNanos = (long) (limit.capacity() / limit.perSecond() * 1e9) + 1;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(Duration.ofNanos(Math.max(idleNanos, Duration.ofSeconds(1).toNanos())))
                .build();
    }

    /** Takes one request's token: zero when allowed, else how long until one is available. */
    Duration take(String key) {
        long now = nanos.getAsLong();
        return buckets.get(key, k -> new Bucket(limit.capacity(), now)).take(now, limit);
    }

    private static final class Bucket {

        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        synchronized Duration take(long now, TrackingProperties.Limit limit) {
            tokens = Math.min(limit.capacity(), tokens + (now - at) / 1e9 * limit.perSecond());
            at = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) / limit.perSecond() * 1e9));
        }
    }
}
