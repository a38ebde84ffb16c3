package io.funnelstream.engine.analytics;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.LocalDays;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupRetention;
import io.funnelstream.engine.rollup.Scope;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * What a timeline reads: buckets of one size covering the range, or, for days in a zone other than UTC, the
 * UTC hours that make up the local days the range touches ({@link LocalDays}).
 *
 * @param slice which messages
 * @param size the size of the buckets served
 * @param zone the zone of day buckets
 * @param localDays true when days are summed from hours in {@code zone}
 * @param from the start of the first bucket read
 * @param to the end of the last bucket read (exclusive)
 */
public record TimelinePlan(Slice slice, BucketSize size, ZoneId zone, boolean localDays, Instant from, Instant to) {

    /** Planning reads no tenant's data; the hours of a local day are the same for all. */
    private static final TenantId ANY_TENANT = new TenantId(new UUID(0, 0));

    public TimelinePlan {
        Objects.requireNonNull(slice, "slice");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /**
     * The plan of a timeline of {@code size} buckets over the range, or why it cannot be served: more than
     * {@value RollupQuery#MAX_BUCKETS} buckets to read, or a start older than the rollups are kept.
     */
    public static Parsed<TimelinePlan> of(
            Slice slice, BucketSize size, TimeRange range, Instant now, RollupRetention retention) {
        ZoneId zone = range.zone();
        boolean localDays = size == BucketSize.DAY && !zone.normalized().equals(ZoneOffset.UTC);
        BucketSize read = localDays ? BucketSize.HOUR : size;
        Instant from;
        Instant to;
        if (localDays) {
            LocalDate first = LocalDate.ofInstant(range.from(), zone);
            LocalDate end = LocalDate.ofInstant(range.to().minusNanos(1), zone).plusDays(1);
            from = firstHourOf(first, zone);
            to = firstHourOf(end, zone);
        } else {
            from = size.start(range.from());
            to = size.isAligned(range.to()) ? range.to() : size.start(range.to()).plus(size.length());
        }
        long buckets = Duration.between(from, to).toSeconds() / read.length().toSeconds();
        if (buckets > RollupQuery.MAX_BUCKETS) {
            return Parsed.invalid("too-many-buckets", tooMany(size, localDays, buckets));
        }
        if (!Cover.isKept(read, from, now, retention)) {
            return Parsed.invalid("beyond-retention", beyondRetention(read, localDays, retention, range.from()));
        }
        return Parsed.valid(new TimelinePlan(slice, size, zone, localDays, from, to));
    }

    /** The read of the plan for the tenant. */
    public SliceQuery query(TenantId tenant) {
        return new SliceQuery(tenant, slice, localDays ? BucketSize.HOUR : size, from, to);
    }

    private static Instant firstHourOf(LocalDate day, ZoneId zone) {
        return LocalDays.hoursOf(ANY_TENANT, Scope.all(), day, day, zone).from();
    }

    private static String tooMany(BucketSize size, boolean localDays, long buckets) {
        if (localDays) {
            return "Days in a time zone other than UTC are summed from hour rollups: this range needs " + buckets
                    + " of them, and at most " + RollupQuery.MAX_BUCKETS + " are read at once. Shorten the range.";
        }
        return "The timeline would have " + buckets + " " + name(size) + " buckets; at most "
                + RollupQuery.MAX_BUCKETS + " are served at once. Shorten the range or use a larger bucket.";
    }

    private static String beyondRetention(
            BucketSize read, boolean localDays, RollupRetention retention, Instant from) {
        String subject = localDays
                ? "Days in a time zone other than UTC are summed from hour rollups, which are"
                : "The " + name(read) + " rollups are";
        return subject + " kept for " + retention.of(read).toDays() + " days after their bucket ends, and from ("
                + from + ") is older. Use a larger bucket" + (localDays ? " or tz=UTC" : "") + ", or a later from.";
    }

    private static String name(BucketSize size) {
        return size.name().toLowerCase(Locale.ROOT);
    }
}
