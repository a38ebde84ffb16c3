package io.funnelstream.engine.experiment;

import io.funnelstream.engine.experiment.stats.Proportion;
import io.funnelstream.engine.model.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where experiments, their variants and every assignment are kept (the role Postgres plays). */
public interface ExperimentStore {

    /** Stores a new draft experiment; empty when the distribution is not the tenant's. */
    Mono<Experiment> create(TenantId tenant, ExperimentDesign design);

    /** The experiment; empty when it is not the tenant's. */
    Mono<Experiment> find(TenantId tenant, UUID experiment);

    /** The tenant's experiments, newest first. */
    Flux<Experiment> list(TenantId tenant, int limit);

    /**
     * The experiment that decides what the distribution's recipients get: the newest one that is running, paused,
     * or stopped with a winner; empty when there is none.
     */
    Mono<Experiment> findForDistribution(TenantId tenant, UUID distribution);

    /** Moves the experiment from {@code from} to {@code to} at {@code at}; empty when it was not in {@code from}. */
    Mono<Experiment> changeStatus(
            TenantId tenant, UUID experiment, ExperimentStatus from, ExperimentStatus to, Instant at);

    /** Records the winner unless one is recorded already; answers the experiment with whichever winner stands. */
    Mono<Experiment> recordWinner(TenantId tenant, UUID experiment, String variant, String reason);

    /**
     * Records the recipient's variant unless one is recorded already, and answers the recorded one: the first
     * recording wins, whichever instance made it.
     */
    Mono<Assignment.Send> recordAssignment(
            TenantId tenant, UUID experiment, UUID recipient, String variant, boolean inTest);

    /** Test-audience recipients assigned per variant key. */
    Mono<Map<String, Long>> assignedCounts(TenantId tenant, UUID experiment);

    /**
     * Per variant key, the test-audience recipients sent a message of the distribution (trials) and those of them
     * who reached the metric's stage (successes).
     */
    Mono<Map<String, Proportion>> outcomes(TenantId tenant, UUID experiment, UUID distribution, Metric metric);
}
