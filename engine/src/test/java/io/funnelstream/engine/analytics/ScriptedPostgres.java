package io.funnelstream.engine.analytics;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.Counts;
import java.time.Instant;
import java.util.HashMap;
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
    private final boolean splitsByRoute;
    private final List<Slice> reads = new CopyOnWriteArrayList<>();
    private final List<Slice> routeReads = new CopyOnWriteArrayList<>();

    ScriptedPostgres(Map<Slice, TreeMap<Instant, Counts>> truth) {
        this(truth, false);
    }

    ScriptedPostgres(Map<Slice, TreeMap<Instant, Counts>> truth, boolean splitsByRoute) {
        this.truth = truth;
        this.splitsByRoute = splitsByRoute;
    }

    /** The base slices read split by route. */
    List<Slice> routeReads() {
        return routeReads;
    }

    @Override
    public boolean splitsByRoute() {
        return splitsByRoute;
    }

    @Override
    public Mono<Map<Route, Counts>> totalsByRoute(TenantId tenant, Slice slice, Cover cover) {
        routeReads.add(slice);
        Map<Route, Counts> out = new HashMap<>();
        for (Channel channel : Channel.values()) {
            for (Provider provider : Provider.values()) {
                Slice route = slice.withChannel(channel).withProvider(provider);
                Counts counts = Sums.of(truth.getOrDefault(route, new TreeMap<>())
                        .subMap(cover.from(), cover.to()).values());
                if (!counts.isEmpty()) {
                    out.put(new Route(channel, provider), counts);
                }
            }
        }
        return Mono.just(out);
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
