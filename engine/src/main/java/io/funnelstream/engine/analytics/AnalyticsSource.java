package io.funnelstream.engine.analytics;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.rollup.Counts;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where the counts behind analytics come from: the rollup store normally, Postgres when the store cannot
 * answer (down, behind, rebuilding) or the slice has no rollup scope. Both give the same counts for the same
 * data: rollup counter names, bucket by bucket.
 */
public interface AnalyticsSource {

    /** Which source this is. */
    Source source();

    /** True when this source can count the slice. */
    boolean reads(Slice slice);

    /** The non-empty buckets of the query. */
    Mono<SliceCounts> read(SliceQuery query);

    /** The counts over the whole of {@code cover}: by default the sum of its segments' buckets. */
    default Mono<Counts> totals(TenantId tenant, Slice slice, Cover cover) {
        return Flux.fromIterable(cover.segments())
                .flatMapSequential(segment -> read(
                        new SliceQuery(tenant, slice, segment.size(), segment.from(), segment.to())), 4)
                .map(SliceCounts::totals)
                .collectList()
                .map(Sums::of);
    }

    /**
     * The counts over the whole of {@code cover} of each slice (each one this source {@link #reads}): by default one
     * {@link #totals(TenantId, Slice, Cover)} per slice, a few at a time.
     */
    default Mono<Map<Slice, Counts>> totals(TenantId tenant, List<Slice> slices, Cover cover) {
        return Flux.fromIterable(slices)
                .flatMap(slice -> totals(tenant, slice, cover).map(counts -> Map.entry(slice, counts)), 8)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** True when this source can count a slice split by {@link Route} in one read ({@link #totalsByRoute}). */
    default boolean splitsByRoute() {
        return false;
    }

    /** The counts over the cover of each route with messages in the slice. */
    default Mono<Map<Route, Counts>> totalsByRoute(TenantId tenant, Slice slice, Cover cover) {
        return Mono.error(new UnsupportedOperationException(source() + " does not split counts by route"));
    }

    /** The rollup store as a source: it reads the slices that have a rollup scope. */
    static AnalyticsSource of(RollupStore store) {
        return new RollupsSource(store);
    }
}
