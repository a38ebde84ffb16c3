package io.funnelstream.engine.analytics;

import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.rollup.RollupQuery;
import java.util.Objects;
import reactor.core.publisher.Mono;

/** Reads slices that have a rollup scope from the rollup store. */
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
        return Mono.defer(() -> {
            RollupQuery rollups = query.rollupQuery().orElseThrow(
                    () -> new IllegalArgumentException("rollups keep no scope for " + query.slice()));
            return store.read(rollups).map(snapshot -> new SliceCounts(query, snapshot.buckets()));
        });
    }
}
