package io.funnelstream.engine.stream;

import io.funnelstream.engine.metrics.DeliveryReport;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupSnapshot;
import io.funnelstream.engine.rollup.Scope;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads a scope's trailing ranges from the rollup store and computes their metrics. */
public final class FiguresReader {

    private final Function<RollupQuery, Mono<RollupSnapshot>> store;
    private final Clock clock;
    private final List<TrailingRange> ranges;

    /**
     * @param store reads rollups ({@code RollupStore::read})
     * @param ranges the ranges every figure holds, in order; names unique
     */
    public FiguresReader(Function<RollupQuery, Mono<RollupSnapshot>> store, Clock clock, List<TrailingRange> ranges) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ranges = List.copyOf(ranges);
        long names = this.ranges.stream().map(TrailingRange::name).distinct().count();
        if (this.ranges.isEmpty() || names != this.ranges.size()) {
            throw new IllegalArgumentException("ranges must be non-empty with unique names: " + ranges);
        }
    }

    /** The scope's figures as the store holds them now. */
    public Mono<ScopeFigures> read(TenantId tenant, Scope scope) {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            return Flux.fromIterable(ranges)
                    .concatMap(range -> readRange(tenant, scope, range, now))
                    .collectList()
                    .map(figures -> {
                        Map<String, RangeFigures> byName = new LinkedHashMap<>();
                        for (int i = 0; i < ranges.size(); i++) {
                            byName.put(ranges.get(i).name(), figures.get(i));
                        }
                        return new ScopeFigures(now, byName);
                    });
        });
    }

    private Mono<RangeFigures> readRange(TenantId tenant, Scope scope, TrailingRange range, Instant now) {
        RollupQuery query = new RollupQuery(tenant, scope, range.size(), range.from(now), range.to(now));
        return store.apply(query)
                .map(snapshot -> new RangeFigures(query.from(), query.to(), DeliveryReport.of(snapshot.totals())));
    }
}
