package io.funnelstream.engine.experiment;

import io.funnelstream.engine.experiment.stats.Proportion;
import io.funnelstream.engine.model.TenantId;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Where an experiment's per-variant outcomes are counted: rollups, or Postgres. */
@FunctionalInterface
public interface VariantOutcomes {

    /** Per variant key, the test-audience recipients sent a message (trials) and those who reached the metric. */
    Mono<Map<String, Proportion>> outcomes(TenantId tenant, Experiment experiment);

    /** Counted by the store's query ({@link ExperimentStore#outcomes}). */
    static VariantOutcomes of(ExperimentStore store) {
        return (tenant, e) -> store.outcomes(tenant, e.id(), e.design().distribution(), e.design().metric());
    }
}
