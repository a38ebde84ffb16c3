package io.funnelstream.engine.rollup;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A mergeable quantile sketch of durations in the manner of DDSketch (Masson, Rim, Lee, VLDB 2019): a
 * duration of {@code x} milliseconds falls into bucket {@code ceil(log_gamma(x))} with
 * {@code gamma = (1 + a) / (1 - a)} and relative accuracy {@code a = 1%}, so any quantile is answered
 * within 1% of a true value. Sketches merge by adding bucket counts, which is why every bucket is just a
 * counter ({@code rt.b.<index>}) beside {@value #COUNT} and {@value #SUM_MILLIS}: a rollup hash holds the
 * sketch of its bucket, and summing counters over buckets merges their sketches.
 *
 * <p>Durations below 1 ms (including negative ones, from skewed clocks) count as 1 ms in the buckets and
 * as 0 in the sum. A second is bucket 346, an hour 755, a day 914, a year 1,209: indices stay small and non-negative.
 */
public final class LatencySketch {

    public static final double RELATIVE_ACCURACY = 0.01;
    public static final String COUNT = "rt.count";
    public static final String SUM_MILLIS = "rt.sum_ms";
    public static final String BUCKET_PREFIX = "rt.b.";

    private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
    private static final double LOG_GAMMA = Math.log(GAMMA);
    private static final LatencySketch EMPTY = new LatencySketch(new TreeMap<>(), 0, 0);

    private final NavigableMap<Integer, Long> buckets;
    private final long count;
    private final long sumMillis;

    private LatencySketch(NavigableMap<Integer, Long> buckets, long count, long sumMillis) {
        this.buckets = Collections.unmodifiableNavigableMap(buckets);
        this.count = count;
        this.sumMillis = sumMillis;
    }

    public static LatencySketch empty() {
        return EMPTY;
    }

    /** The sketch held by the {@code rt.*} counters of {@code counts}; other counters are ignored. */
    public static LatencySketch of(Counts counts) {
        NavigableMap<Integer, Long> buckets = new TreeMap<>();
        for (Map.Entry<String, Long> e : counts.values().entrySet()) {
            Integer index = bucketIndex(e.getKey());
            if (index != null) {
                buckets.merge(index, e.getValue(), Long::sum);
            }
        }
        return new LatencySketch(buckets, counts.get(COUNT), counts.get(SUM_MILLIS));
    }

    /** A sketch of the given durations. */
    public static LatencySketch of(Iterable<Duration> durations) {
        NavigableMap<Integer, Long> buckets = new TreeMap<>();
        long count = 0;
        long sum = 0;
        for (Duration d : durations) {
            long millis = millis(d);
            buckets.merge(index(millis), 1L, Long::sum);
            count++;
            sum += millis;
        }
        return new LatencySketch(buckets, count, sum);
    }

    /** Adds one duration to the sketch held by the rollup's counters. */
    public static void addTo(RollupDelta.Builder delta, RollupKey key, Duration duration) {
        addTo(delta, key, duration, 1);
    }

    /** Adds one duration to the sketch held by the rollup's counters ({@code sign} 1), or takes it back (-1). */
    public static void addTo(RollupDelta.Builder delta, RollupKey key, Duration duration, int sign) {
        long millis = millis(duration);
        delta.add(key, COUNT, sign);
        delta.add(key, SUM_MILLIS, sign * millis);
        delta.add(key, bucketCounter(index(millis)), sign);
    }

    private static @Nullable Integer bucketIndex(String counter) {
        if (!counter.startsWith(BUCKET_PREFIX)) {
            return null;
        }
        try {
            return Integer.valueOf(counter.substring(BUCKET_PREFIX.length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The bucket of a duration of {@code millis} milliseconds. */
    public static int index(long millis) {
        return (int) Math.ceil(Math.log(Math.max(1, millis)) / LOG_GAMMA);
    }

    /** The counter of a bucket: {@code rt.b.<index>}. */
    public static String bucketCounter(int index) {
        return BUCKET_PREFIX + index;
    }

    /** The value, in milliseconds, a bucket stands for: within 1% of everything in it. */
    static double representative(int index) {
        return 2 * Math.pow(GAMMA, index) / (GAMMA + 1);
    }

    public long count() {
        return count;
    }

    public long sumMillis() {
        return sumMillis;
    }

    /** Bucket counts by index, ascending. */
    public NavigableMap<Integer, Long> buckets() {
        return buckets;
    }

    /** The mean, or empty for an empty sketch. */
    public Optional<Duration> mean() {
        return count <= 0 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round((double) sumMillis / count)));
    }

    /**
     * The {@code p}-quantile (lower: the value of rank {@code floor(p * (count - 1))}), within 1%; empty for
     * an empty sketch.
     */
    public Optional<Duration> quantile(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile out of [0, 1]: " + p);
        }
        long total = 0;
        for (long n : buckets.values()) {
            total += n;
        }
        if (total <= 0) {
            return Optional.empty();
        }
        double rank = Math.floor(p * (total - 1));
        long seen = 0;
        for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
            seen += bucket.getValue();
            if (seen > rank) {
                return Optional.of(toDuration(representative(bucket.getKey())));
            }
        }
        return Optional.of(toDuration(representative(buckets.lastKey())));
    }

    private static long millis(Duration duration) {
        return duration.isNegative() ? 0 : duration.toMillis();
    }

    private static Duration toDuration(double millis) {
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }
}
