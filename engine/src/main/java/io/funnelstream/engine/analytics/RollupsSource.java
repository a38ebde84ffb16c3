package io.funnelstream.engine.analytics;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.rollup.Counts;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * Reads slices that have a rollup scope from the rollup store. The totals of a request (every slice, every segment
 * of the cover) go to the store as one {@link RollupStore#readAll}, so the request costs one round trip to a store
 * across a network, not one per bucket.
 */
final class RollupsSource implements AnalyticsSource {

    private final RollupStore store;

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
                    parts.get(owners.get(i)).addAll(snapshot.buckets().values());
                }
                Map<Slice, Counts> out = new HashMap<>();
                parts.forEach((slice, counts) -> out.put(slice, Sums.of(counts)));
                return out;
            });
        });
    }

    private static RollupQuery rollupQuery(SliceQuery query) {
        return query.rollupQuery().orElseThrow(
                () -> new IllegalArgumentException("rollups keep no scope for " + query.slice()));
    }
}
