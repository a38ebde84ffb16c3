package io.funnelstream.engine.rollup;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long stores keep rollups after their bucket ends, by bucket size. A rollup expires at its bucket's end
 * plus the retention of its size, whenever it was last written, so a late event does not keep an old bucket
 * alive, and a rebuild leaves out what has expired.
 *
 * @param minutes retention of minute buckets
 * @param hours retention of hour buckets
 * @param days retention of day buckets
 */
public record RollupRetention(Duration minutes, Duration hours, Duration days) {

    /** Minutes for 48 hours, hours for 90 days, days for 3 years (1,096 days). */
    public static final RollupRetention DEFAULT =
            new RollupRetention(Duration.ofHours(48), Duration.ofDays(90), Duration.ofDays(1_096));

    public RollupRetention {
        requirePositive(minutes, "minutes");
        requirePositive(hours, "hours");
        requirePositive(days, "days");
    }

    public Duration of(BucketSize size) {
        return switch (size) {
            case MINUTE -> minutes;
            case HOUR -> hours;
            case DAY -> days;
        };
    }

    /** When the rollup expires: its bucket's end plus the retention of its size. */
    public Instant expiresAt(RollupKey key) {
        return key.bucketEnd().plus(of(key.size()));
    }

    /** True when the rollup has expired at {@code now}. */
    public boolean isExpired(RollupKey key, Instant now) {
        return !expiresAt(key).isAfter(now);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " retention must be positive: " + d);
        }
    }
}
