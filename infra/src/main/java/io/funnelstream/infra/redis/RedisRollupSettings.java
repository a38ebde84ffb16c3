package io.funnelstream.infra.redis;

import io.funnelstream.engine.rollup.RollupRetention;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the Redis rollup store names and keeps its keys.
 *
 * @param keyPrefix the first segment of every key ({@code fs} in production; tests use one per class): letters,
 *     digits, {@code _ . : -}
 * @param retention how long rollups live after their bucket ends
 * @param windowMemory how long an applied window's id is remembered, so a repeat within it counts once
 * @param concurrency how many commands one read or rebuild keeps in flight (the pipeline depth)
 * @param rememberedHashes how many rollup hashes a store instance keeps decoded, so that a read fetches whole only
 *     the hashes written since (a week's overview reads about 300; an hour hash holds about 130 counters, most of
 *     them response-time sketch bins, some 10 KiB decoded)
 */
public record RedisRollupSettings(
        String keyPrefix, RollupRetention retention, Duration windowMemory, int concurrency, int rememberedHashes) {

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.:-]+");

    /** Prefix {@code fs}, the default retention, windows remembered 7 days, 64 commands in flight, 2,048 hashes. */
    public static final RedisRollupSettings DEFAULT =
            new RedisRollupSettings("fs", RollupRetention.DEFAULT, Duration.ofDays(7), 64, 2_048);

    public RedisRollupSettings {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(windowMemory, "windowMemory");
        if (!PREFIX.matcher(keyPrefix).matches()) {
            throw new IllegalArgumentException("key prefix may hold letters, digits and _ . : - only: " + keyPrefix);
        }
        if (windowMemory.toSeconds() < 1) {
            throw new IllegalArgumentException("windowMemory must be at least a second: " + windowMemory);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be positive: " + concurrency);
        }
        if (rememberedHashes < 0) {
            throw new IllegalArgumentException("rememberedHashes must not be negative: " + rememberedHashes);
        }
    }

    public RedisRollupSettings withKeyPrefix(String prefix) {
        return new RedisRollupSettings(prefix, retention, windowMemory, concurrency, rememberedHashes);
    }

    public RedisRollupSettings withRetention(RollupRetention newRetention) {
        return new RedisRollupSettings(keyPrefix, newRetention, windowMemory, concurrency, rememberedHashes);
    }
}
