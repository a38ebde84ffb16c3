package io.funnelstream.engine.experiment;

import io.funnelstream.engine.experiment.stats.Proportion;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupAvailability;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * Per-variant outcomes read from the variants' rollups ({@link VariantRollups}) while the store is current for the
 * tenant, and from the fallback (Postgres) when it is not or a read fails, as the rest of analytics does.
 */
public final class RollupVariantOutcomes implements VariantOutcomes {

    private static final Logger log = Loggers.getLogger(RollupVariantOutcomes.class);

    private final Function<RollupQuery, Mono<RollupSnapshot>> store;
    private final RollupAvailability availability;
    private final VariantOutcomes fallback;
    private final Clock clock;
    private final Duration history;

    /**
     * @param store reads rollups ({@code RollupStore::read})
     * @param availability whether the store is current for a tenant
     * @param fallback counts when the store cannot be trusted
     * @param history how far back the day buckets are read ({@link VariantRollups#DEFAULT_HISTORY})
     */
    public RollupVariantOutcomes(Function<RollupQuery, Mono<RollupSnapshot>> store, RollupAvailability availability,
            VariantOutcomes fallback, Clock clock, Duration history) {
        this.store = Objects.requireNonNull(store, "store");
        this.availability = Objects.requireNonNull(availability, "availability");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.history = Objects.requireNonNull(history, "history");
    }

    @Override
    public Mono<Map<String, Proportion>> outcomes(TenantId tenant, Experiment experiment) {
        return Mono.defer(() -> availability.isCurrent(tenant))
                .onErrorReturn(Boolean.FALSE)
                .defaultIfEmpty(Boolean.FALSE)
                .flatMap(current -> current
                        ? fromRollups(tenant, experiment).onErrorResume(e -> {
                            log.warn("variant rollups of experiment {} not read, counting in Postgres: {}",
                                    experiment.id(), e.toString());
                            return fallback.outcomes(tenant, experiment);
                        })
                        : fallback.outcomes(tenant, experiment));
    }

    private Mono<Map<String, Proportion>> fromRollups(TenantId tenant, Experiment experiment) {
        Instant now = clock.instant();
        Metric metric = experiment.design().metric();
        return Flux.fromIterable(experiment.design().variants())
                .concatMap(v -> store.apply(VariantRollups.query(tenant, experiment.id(), v.key(), now, history))
                        .map(snapshot -> Map.entry(v.key(), VariantRollups.outcome(snapshot.totals(), metric))))
                .collect(LinkedHashMap::new, (map, e) -> map.put(e.getKey(), e.getValue()));
    }
}
