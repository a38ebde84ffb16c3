package io.funnelstream.engine.analytics;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.rollup.Counts;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * Reads slices that have a rollup scope from the rollup store. The totals of a request (every slice, every segment
 * of the cover) go to the store as one {@link RollupStore#readAll}, so the request costs one round trip to a store
 * across a network, not one per bucket.
 *
 * <p>The sum of each read's buckets is remembered with the bucket counts it was made of: a store that hands out
 * the same counts instances while a bucket is unchanged (the Redis store does) gets a week's days summed once, and
 * only the reads holding a bucket that changed summed again. Counts are immutable, so the same instances mean the
 * same sum.
 */
final class RollupsSource implements AnalyticsSource {

    private static final int REMEMBERED_SUMS = 512;

    private final RollupStore store;
    private final Map<RollupQuery, Summed> sums = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RollupQuery, Summed> eldest) {
            return size() > REMEMBERED_SUMS;
        }
    };

    private record Summed(List<Counts> parts, Counts sum) {}

    RollupsSource(RollupStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Source source() {
        return Source.ROLLUPS;
    }

    @Override
    public boolean reads(Slice slice) {
        return slice.scope().isPresent();
    }

    @Override
    public Mono<SliceCounts> read(SliceQuery query) {
        return Mono.defer(() -> store.read(rollupQuery(query))
                .map(snapshot -> new SliceCounts(query, snapshot.buckets())));
    }

    @Override
    public Mono<Counts> totals(TenantId tenant, Slice slice, Cover cover) {
        return totals(tenant, List.of(slice), cover).map(totals -> totals.get(slice));
    }

    @Override
    public Mono<Map<Slice, Counts>> totals(TenantId tenant, List<Slice> slices, Cover cover) {
        return Mono.defer(() -> {
            List<Slice> owners = new ArrayList<>();
            List<RollupQuery> queries = new ArrayList<>();
            for (Slice slice : slices) {
                for (Cover.Segment segment : cover.segments()) {
                    owners.add(slice);
                    queries.add(rollupQuery(new SliceQuery(tenant, slice, segment.size(), segment.from(),
                            segment.to())));
                }
            }
            return store.readAll(queries).map(snapshots -> {
                if (snapshots.size() != queries.size()) {
                    throw new IllegalStateException(
                            "asked " + queries.size() + " rollup reads, got " + snapshots.size());
                }
                Map<Slice, List<Counts>> parts = new HashMap<>();
                slices.forEach(slice -> parts.put(slice, new ArrayList<>()));
                for (int i = 0; i < snapshots.size(); i++) {
                    RollupSnapshot snapshot = snapshots.get(i);
                    parts.get(owners.get(i)).add(sum(snapshot));
                }
                Map<Slice, Counts> out = new HashMap<>();
                parts.forEach((slice, counts) -> out.put(slice, Sums.of(counts)));
                return out;
            });
        });
    }

    /** The sum of the snapshot's buckets, remembered while they are the same instances. */
    Counts sum(RollupSnapshot snapshot) {
        List<Counts> parts = List.copyOf(snapshot.buckets().values());
        Summed known;
        synchronized (sums) {
            known = sums.get(snapshot.query());
        }
        if (known != null && sameInstances(known.parts(), parts)) {
            return known.sum();
        }
        Counts sum = Sums.of(parts);
        synchronized (sums) {
            sums.put(snapshot.query(), new Summed(parts, sum));
        }
        return sum;
    }

    private static boolean sameInstances(List<Counts> a, List<Counts> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static RollupQuery rollupQuery(SliceQuery query) {
        return query.rollupQuery().orElseThrow(
                () -> new IllegalArgumentException("rollups keep no scope for " + query.slice()));
    }
}
