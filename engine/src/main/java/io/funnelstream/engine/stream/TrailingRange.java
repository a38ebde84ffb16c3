package io.funnelstream.engine.stream;

import io.funnelstream.engine.rollup.BucketSize;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A range of buckets ending with the one that holds "now": {@code today} is one day bucket (00:00Z to now),
 * {@code last24h} the current hour bucket and the 23 before it.
 *
 * @param name the key of the range in events
 * @param size the bucket size read
 * @param buckets how many buckets, the current one included; at least 1
 */
public record TrailingRange(String name, BucketSize size, int buckets) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9]{0,31}");

    public static final TrailingRange TODAY = new TrailingRange("today", BucketSize.DAY, 1);
    public static final TrailingRange LAST_24_HOURS = new TrailingRange("last24h", BucketSize.HOUR, 24);

    public TrailingRange {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(size, "size");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a range name is a letter then letters or digits: " + name);
        }
        if (buckets < 1 || buckets > 10_000) {
            throw new IllegalArgumentException("buckets must be 1..10000: " + buckets);
        }
    }

    /** Where the range starts when "now" is {@code at}. */
    public Instant from(Instant at) {
        return size.start(at).minus(size.length().multipliedBy(buckets - 1L));
    }

    /** Where the range ends (exclusive) when "now" is {@code at}: the end of the current bucket. */
    public Instant to(Instant at) {
        return size.start(at).plus(size.length());
    }
}
