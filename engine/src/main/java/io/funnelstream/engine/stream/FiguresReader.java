package io.funnelstream.engine.stream;

import io.funnelstream.engine.experiment.VariantRollups;
import io.funnelstream.engine.metrics.DeliveryReport;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupSnapshot;
import io.funnelstream.engine.rollup.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads a scope's trailing ranges (or an experiment's variants) from the rollup store and computes their metrics. */
public final class FiguresReader {

    private final Function<RollupQuery, Mono<RollupSnapshot>> store;
    private final Clock clock;
    private final List<TrailingRange> ranges;
    private final Duration experimentHistory;

    /**
     * @param store reads rollups ({@code RollupStore::read})
     * @param ranges the ranges every figure holds, in order; names unique
     */
    public FiguresReader(Function<RollupQuery, Mono<RollupSnapshot>> store, Clock clock, List<TrailingRange> ranges) {
        this(store, clock, ranges, VariantRollups.DEFAULT_HISTORY);
    }

    /**
     * @param experimentHistory how far back an experiment's variants are read ({@link VariantRollups})
     */
    public FiguresReader(Function<RollupQuery, Mono<RollupSnapshot>> store, Clock clock, List<TrailingRange> ranges,
            Duration experimentHistory) {
        this.experimentHistory = Objects.requireNonNull(experimentHistory, "experimentHistory");
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

    /**
     * An experiment's figures: one range per variant, named by its key, over the variant's whole history (see
     * {@link VariantRollups}), in the variants' order.
     */
    public Mono<ScopeFigures> read(TenantId tenant, ExperimentWatch experiment) {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            return Flux.fromIterable(experiment.variants())
                    .concatMap(variant -> {
                        RollupQuery query = VariantRollups.query(tenant, experiment.experimentId(), variant, now,
                                experimentHistory);
                        return store.apply(query).map(snapshot -> Map.entry(variant,
                                new RangeFigures(query.from(), query.to(), DeliveryReport.of(snapshot.totals()))));
                    })
                    .collect(LinkedHashMap<String, RangeFigures>::new, (map, e) -> map.put(e.getKey(), e.getValue()))
                    .map(byVariant -> new ScopeFigures(now, byVariant));
        });
    }

    private Mono<RangeFigures> readRange(TenantId tenant, Scope scope, TrailingRange range, Instant now) {
        RollupQuery query = new RollupQuery(tenant, scope, range.size(), range.from(now), range.to(now));
        return store.apply(query)
                .map(snapshot -> new RangeFigures(query.from(), query.to(), DeliveryReport.of(snapshot.totals())));
    }
}
