package io.funnelstream.engine.rollup;

import io.funnelstream.engine.model.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Days in a time zone, built at query time from UTC hour buckets (rollups keep no per-zone day buckets).
 *
 * <p>An hour bucket belongs to the local day that holds its middle. In zones whose offset is a whole number
 * of hours (most of them, and every DST shift of whole hours) that is exact, and a local day has 23, 24 or
 * 25 hours. In zones offset by a fraction of an hour (Asia/Kolkata +05:30, Asia/Kathmandu +05:45) each
 * day's edges are off by up to 30 minutes: an hour straddling midnight goes whole to one day.
 */
public final class LocalDays {

    private static final Duration HALF_HOUR = Duration.ofMinutes(30);

    private LocalDays() {}

    /** The hour buckets that make up the local days {@code [from, toExclusive)} in {@code zone}. */
    public static RollupQuery hoursOf(
            TenantId tenant, Scope scope, LocalDate from, LocalDate toExclusive, ZoneId zone) {
        if (toExclusive.isBefore(from)) {
            throw new IllegalArgumentException("days end before they start: " + from + ", " + toExclusive);
        }
        return new RollupQuery(
                tenant, scope, BucketSize.HOUR, firstHourOf(from, zone), firstHourOf(toExclusive, zone));
    }

    /**
     * Sums an hourly snapshot into local days, ascending; every day the query's hours touch is present,
     * empty days included.
     *
     * @throws IllegalArgumentException if the snapshot is not of hour buckets
     */
    public static NavigableMap<LocalDate, Counts> byDay(RollupSnapshot hourly, ZoneId zone) {
        RollupQuery query = hourly.query();
        if (query.size() != BucketSize.HOUR) {
            throw new IllegalArgumentException("local days are built from hour buckets, not " + query.size());
        }
        NavigableMap<LocalDate, Counts> days = new TreeMap<>();
        for (Instant hour : query.bucketStarts()) {
            days.putIfAbsent(dayOf(hour, zone), Counts.empty());
        }
        for (Map.Entry<Instant, Counts> bucket : hourly.buckets().entrySet()) {
            days.merge(dayOf(bucket.getKey(), zone), bucket.getValue(), Counts::plus);
        }
        return days;
    }

    /** The local day an hour bucket belongs to: the one holding its middle. */
    public static LocalDate dayOf(Instant hourStart, ZoneId zone) {
        return LocalDate.ofInstant(hourStart.plus(HALF_HOUR), zone);
    }

    /** The first hour bucket of a local day: the first whose middle falls in the day. */
    static Instant firstHourOf(LocalDate day, ZoneId zone) {
        Instant earliestStart = day.atStartOfDay(zone).toInstant().minus(HALF_HOUR);
        Instant floor = BucketSize.HOUR.start(earliestStart);
        return floor.equals(earliestStart) ? floor : floor.plus(Duration.ofHours(1));
    }
}
