package io.funnelstream.engine.rollup;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

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
 *
 * <p>Held as two sorted arrays (bucket indices, counts): reports read a sketch from every bucket of a timeline, so
 * reading one from a rollup's counters parses the indices in place and sorts primitives, with no map per sketch.
 */
public final class LatencySketch {

    public static final double RELATIVE_ACCURACY = 0.01;
    public static final String COUNT = "rt.count";
    public static final String SUM_MILLIS = "rt.sum_ms";
    public static final String BUCKET_PREFIX = "rt.b.";

    private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
    private static final double LOG_GAMMA = Math.log(GAMMA);
    private static final int NOT_A_BUCKET = -1;
    /** The counter names of the buckets up to a few years, made once. */
    private static final String[] BUCKET_COUNTERS = new String[1_500];

    static {
        Counter.canonical(COUNT);
        Counter.canonical(SUM_MILLIS);
        for (int i = 0; i < BUCKET_COUNTERS.length; i++) {
            BUCKET_COUNTERS[i] = Counter.canonical(BUCKET_PREFIX + i);
        }
    }

    private static final LatencySketch EMPTY = new LatencySketch(new int[0], new long[0], 0, 0);

    /** Distinct bucket indices, ascending. */
    private final int[] indices;
    /** The count of each bucket in {@link #indices}, never 0. */
    private final long[] counts;
    private final long total;
    private final long count;
    private final long sumMillis;

    private LatencySketch(int[] indices, long[] counts, long count, long sumMillis) {
        this.indices = indices;
        this.counts = counts;
        long t = 0;
        for (long n : counts) {
            t += n;
        }
        this.total = t;
        this.count = count;
        this.sumMillis = sumMillis;
    }

    public static LatencySketch empty() {
        return EMPTY;
    }

    /** The sketch held by the {@code rt.*} counters of {@code counts}; other counters are ignored. */
    public static LatencySketch of(Counts counts) {
        Map<String, Long> values = counts.values();
        // (index << 32 | position) sorts the buckets by index and keeps where each count is.
        long[] keys = new long[values.size()];
        long[] found = new long[values.size()];
        int n = 0;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            int index = bucketIndex(e.getKey());
            if (index != NOT_A_BUCKET) {
                keys[n] = ((long) index << 32) | n;
                found[n] = e.getValue();
                n++;
            }
        }
        Arrays.sort(keys, 0, n);
        int[] indices = new int[n];
        long[] sorted = new long[n];
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            int index = (int) (keys[i] >>> 32);
            long value = found[(int) keys[i]];
            if (distinct > 0 && indices[distinct - 1] == index) {
                sorted[distinct - 1] += value;
            } else {
                indices[distinct] = index;
                sorted[distinct] = value;
                distinct++;
            }
        }
        return of(indices, sorted, distinct, counts.get(COUNT), counts.get(SUM_MILLIS));
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
        int[] indices = new int[buckets.size()];
        long[] values = new long[buckets.size()];
        int i = 0;
        for (Map.Entry<Integer, Long> b : buckets.entrySet()) {
            indices[i] = b.getKey();
            values[i] = b.getValue();
            i++;
        }
        return of(indices, values, i, count, sum);
    }

    /** The first {@code n} buckets, zero counts left out. */
    private static LatencySketch of(int[] indices, long[] values, int n, long count, long sum) {
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (values[i] != 0) {
                indices[kept] = indices[i];
                values[kept] = values[i];
                kept++;
            }
        }
        return new LatencySketch(Arrays.copyOf(indices, kept), Arrays.copyOf(values, kept), count, sum);
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

    /** The index of a {@code rt.b.<index>} counter (decimal digits, at most 9), or {@link #NOT_A_BUCKET}. */
    private static int bucketIndex(String counter) {
        int length = counter.length();
        int from = BUCKET_PREFIX.length();
        if (length <= from || length > from + 9 || !counter.startsWith(BUCKET_PREFIX)) {
            return NOT_A_BUCKET;
        }
        int index = 0;
        for (int i = from; i < length; i++) {
            char c = counter.charAt(i);
            if (c < '0' || c > '9') {
                return NOT_A_BUCKET;
            }
            index = index * 10 + (c - '0');
        }
        return index;
    }

    /** The bucket of a duration of {@code millis} milliseconds. */
    public static int index(long millis) {
        return (int) Math.ceil(Math.log(Math.max(1, millis)) / LOG_GAMMA);
    }

    /** The counter of a bucket: {@code rt.b.<index>}. */
    public static String bucketCounter(int index) {
        return index >= 0 && index < BUCKET_COUNTERS.length ? BUCKET_COUNTERS[index] : BUCKET_PREFIX + index;
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
        NavigableMap<Integer, Long> buckets = new TreeMap<>();
        for (int i = 0; i < indices.length; i++) {
            buckets.put(indices[i], counts[i]);
        }
        return Collections.unmodifiableNavigableMap(buckets);
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
        if (total <= 0) {
            return Optional.empty();
        }
        double rank = Math.floor(p * (total - 1));
        long seen = 0;
        for (int i = 0; i < indices.length; i++) {
            seen += counts[i];
            if (seen > rank) {
                return Optional.of(toDuration(representative(indices[i])));
            }
        }
        return Optional.of(toDuration(representative(indices[indices.length - 1])));
    }

    private static long millis(Duration duration) {
        return duration.isNegative() ? 0 : duration.toMillis();
    }

    private static Duration toDuration(double millis) {
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }
}
