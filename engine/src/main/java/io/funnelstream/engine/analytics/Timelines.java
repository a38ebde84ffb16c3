package io.funnelstream.engine.analytics;

import io.funnelstream.engine.metrics.DeliveryReport;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.Counts;
import io.funnelstream.engine.rollup.LocalDays;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns the buckets a timeline read into the timeline: every bucket, local days summed from hours. */
final class Timelines {

    private Timelines() {}

    static Timeline of(TimelinePlan plan, SliceCounts read) {
        return new Timeline(plan, plan.localDays() ? localDays(plan, read) : buckets(plan, read));
    }

    private static List<Timeline.Bucket> buckets(TimelinePlan plan, SliceCounts read) {
        BucketSize size = plan.size();
        List<Instant> starts = read.query().bucketStarts();
        List<Timeline.Bucket> out = new ArrayList<>(starts.size());
        for (Instant start : starts) {
            LocalDate day = size == BucketSize.DAY ? LocalDate.ofInstant(start, ZoneOffset.UTC) : null;
            out.add(new Timeline.Bucket(start, start.plus(size.length()), day, 0,
                    DeliveryReport.of(read.bucket(start))));
        }
        return out;
    }

    private static List<Timeline.Bucket> localDays(TimelinePlan plan, SliceCounts read) {
        TreeMap<LocalDate, List<Counts>> days = new TreeMap<>();
        for (Instant hour : read.query().bucketStarts()) {
            days.computeIfAbsent(LocalDays.dayOf(hour, plan.zone()), d -> new ArrayList<>()).add(read.bucket(hour));
        }
        List<Timeline.Bucket> out = new ArrayList<>(days.size());
        for (Map.Entry<LocalDate, List<Counts>> day : days.entrySet()) {
            LocalDate date = day.getKey();
            out.add(new Timeline.Bucket(
                    date.atStartOfDay(plan.zone()).toInstant(),
                    date.plusDays(1).atStartOfDay(plan.zone()).toInstant(),
                    date,
                    day.getValue().size(),
                    DeliveryReport.of(Sums.of(day.getValue()))));
        }
        return out;
    }
}
