package io.funnelstream.engine.analytics;

import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.RollupRetention;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the totals of a time range are read from rollups: the range widened to whole buckets of a
 * {@link #resolution()}, then cut into as few buckets as possible (days in the middle, hours and minutes at
 * the edges). Totals cover exactly {@code [from, to)}, which responses report.
 *
 * <p>The resolution is the finest bucket size that still holds the range's start (minute rollups are kept
 * for two days, hours for 90 days) and that keeps the edges short: minutes for ranges up to a day, hours up
 * to 60 days, days beyond. A range that reaches the present ({@code to} not before now) ends with the largest
 * bucket holding now that starts within it: the last seven days until now read two hour buckets, six days and
 * today, not the hours of today one by one. Nothing has happened after now, so the figures are the same.
 *
 * @param from the start of the range covered, aligned to the resolution
 * @param to the end of the range covered (exclusive), aligned to the resolution; past now for a range that
 *     reaches the present
 * @param resolution the finest bucket size used
 * @param segments consecutive runs of buckets of one size that together cover {@code [from, to)}
 */
public record Cover(Instant from, Instant to, BucketSize resolution, List<Segment> segments) {

    /** Longest range a query may span: as long as day rollups are kept by default. */
    public static final Duration MAX_RANGE = RollupRetention.DEFAULT.days();

    private static final long EDGE_BUCKETS = 1_440;

    public Cover {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(resolution, "resolution");
        segments = List.copyOf(segments);
    }

    /**
     * A run of buckets of one size.
     *
     * @param size the bucket size
     * @param from the first bucket's start
     * @param to the last bucket's end
     */
    public record Segment(BucketSize size, Instant from, Instant to) {}

    /**
     * The cover of {@code [from, to)} read at {@code now} from rollups kept as {@code retention} says.
     *
     * @throws IllegalArgumentException if the range is empty
     */
    public static Cover of(Instant from, Instant to, Instant now, RollupRetention retention) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("empty range [" + from + ", " + to + ")");
        }
        BucketSize resolution = resolution(from, to, now, retention);
        Instant start = resolution.start(from);
        Instant end = resolution.isAligned(to) ? to : resolution.start(to).plus(resolution.length());
        if (!to.isBefore(now)) {
            end = max(end, presentBucketEnd(start, now));
        }
        List<Segment> segments = new ArrayList<>();
        cut(start, end, BucketSize.DAY, resolution, segments);
        return new Cover(start, end, resolution, segments);
    }

    /** True when the rollups of {@code size} that hold {@code at} are still kept at {@code now}. */
    public static boolean isKept(BucketSize size, Instant at, Instant now, RollupRetention retention) {
        return size.start(at).plus(size.length()).plus(retention.of(size)).isAfter(now);
    }

    /**
     * The end of the largest bucket that holds {@code now} and starts within the range: nothing later than now has
     * happened, so a range reaching the present may read that whole bucket instead of the finer ones up to now.
     */
    private static Instant presentBucketEnd(Instant start, Instant now) {
        for (int i = BucketSize.values().length - 1; i >= 0; i--) {
            BucketSize size = BucketSize.values()[i];
            if (!size.start(now).isBefore(start)) {
                return size.start(now).plus(size.length());
            }
        }
        return start;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static BucketSize resolution(Instant from, Instant to, Instant now, RollupRetention retention) {
        Duration span = Duration.between(from, to);
        for (BucketSize size : BucketSize.values()) {
            boolean shortEdges = span.compareTo(size.length().multipliedBy(EDGE_BUCKETS)) <= 0;
            if ((shortEdges || size == BucketSize.DAY) && isKept(size, from, now, retention)) {
                return size;
            }
        }
        return BucketSize.DAY;
    }

    /** Covers {@code [start, end)} (aligned to {@code finest}) with buckets no larger than {@code largest}. */
    private static void cut(Instant start, Instant end, BucketSize largest, BucketSize finest, List<Segment> out) {
        if (!start.isBefore(end)) {
            return;
        }
        if (largest == finest) {
            out.add(new Segment(finest, start, end));
            return;
        }
        Instant inner = ceil(largest, start);
        Instant outer = largest.start(end);
        BucketSize smaller = BucketSize.values()[largest.ordinal() - 1];
        if (!inner.isBefore(outer)) {
            cut(start, end, smaller, finest, out);
            return;
        }
        cut(start, inner, smaller, finest, out);
        out.add(new Segment(largest, inner, outer));
        cut(outer, end, smaller, finest, out);
    }

    private static Instant ceil(BucketSize size, Instant at) {
        return size.isAligned(at) ? at : size.start(at).plus(size.length());
    }
}
