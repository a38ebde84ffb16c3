package io.funnelstream.engine.analytics;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.Counts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/**
 * A stand-in for Postgres: every slice's counts at given instants, bucketed on read. Records the slices read.
 */
final class ScriptedPostgres implements AnalyticsSource {

    private final Map<Slice, TreeMap<Instant, Counts>> truth;
    private final List<Slice> reads = new CopyOnWriteArrayList<>();

    ScriptedPostgres(Map<Slice, TreeMap<Instant, Counts>> truth) {
        this.truth = truth;
    }

    List<Slice> reads() {
        return reads;
    }

    @Override
    public Source source() {
        return Source.POSTGRES;
    }

    @Override
    public boolean reads(Slice slice) {
        return true;
    }

    @Override
    public Mono<SliceCounts> read(SliceQuery query) {
        reads.add(query.slice());
        TreeMap<Instant, Counts> buckets = new TreeMap<>();
        truth.getOrDefault(query.slice(), new TreeMap<>())
                .subMap(query.from(), query.to())
                .forEach((at, counts) -> buckets.merge(query.size().start(at), counts, Counts::plus));
        return Mono.just(new SliceCounts(query, buckets));
    }

    @Override
    public Mono<Counts> totals(TenantId tenant, Slice slice, Cover cover) {
        reads.add(slice);
        return Mono.just(Sums.of(truth.getOrDefault(slice, new TreeMap<>()).subMap(cover.from(), cover.to()).values()));
    }
}
