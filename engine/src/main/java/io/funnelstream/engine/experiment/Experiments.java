package io.funnelstream.engine.experiment;

import io.funnelstream.engine.experiment.Recommendation.Decision;
import io.funnelstream.engine.model.TenantId;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The experiments of every tenant: their life, their results and the auto-stop, and the assignments the sender
 * asks for.
 *
 * <p>Auto-stop: every reading of the results is a look. At the first look whose recommendation names a winner
 * ({@link Decision#DECLARE_WINNER}, {@link Decision#DEADLINE_WINNER}) or stops with no difference (the control is
 * kept), that outcome is recorded on a running experiment once and for all, and from then on every recipient not
 * assigned before gets it. Only the always-valid sequential test, the maximum sample and the deadline can do this;
 * the chi-square and z-test p-values are shown, never used. A sample-ratio mismatch blocks it.
 */
public final class Experiments implements ExperimentAssignments {

    private final ExperimentStore store;
    private final VariantOutcomes outcomes;
    private final Clock clock;

    /** Experiments whose outcomes are counted by the store's query. */
    public Experiments(ExperimentStore store, Clock clock) {
        this(store, VariantOutcomes.of(store), clock);
    }

    /** @param outcomes where per-variant outcomes are counted (rollups with a Postgres fallback, in the service) */
    public Experiments(ExperimentStore store, VariantOutcomes outcomes, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Stores a draft; the design must have no {@link ExperimentDesign#problems()}. Empty: unknown distribution. */
    public Mono<Experiment> create(TenantId tenant, ExperimentDesign design) {
        if (!design.problems().isEmpty()) {
            return Mono.error(new IllegalArgumentException(String.join("; ", design.problems())));
        }
        return store.create(tenant, design);
    }

    public Mono<Experiment> find(TenantId tenant, UUID experiment) {
        return store.find(tenant, experiment);
    }

    public Flux<Experiment> list(TenantId tenant, int limit) {
        return store.list(tenant, limit);
    }

    /** Moves the experiment to {@code wanted} if its life allows; empty when there is no such experiment. */
    public Mono<StatusChange> changeStatus(TenantId tenant, UUID experiment, ExperimentStatus wanted) {
        return store.find(tenant, experiment).flatMap(current -> {
            if (!current.status().canMoveTo(wanted)) {
                return Mono.just(new StatusChange.NotAllowed(current.status(), wanted));
            }
            return store.changeStatus(tenant, experiment, current.status(), wanted, clock.instant())
                    .<StatusChange>map(StatusChange.Changed::new)
                    .switchIfEmpty(Mono.defer(() -> changeStatus(tenant, experiment, wanted)));
        });
    }

    /** The results now; records the outcome when this look decides a running experiment. */
    public Mono<ExperimentResults> results(TenantId tenant, UUID experiment) {
        return store.find(tenant, experiment).flatMap(e -> look(tenant, e));
    }

    @Override
    public Mono<Assigned> assignForSending(TenantId tenant, UUID distribution, UUID recipient) {
        return store.findForDistribution(tenant, distribution).flatMap(e -> decide(tenant, e, recipient)
                .flatMap(a -> a instanceof Assignment.Send send
                        ? store.recordAssignment(tenant, e.id(), recipient, send.variant(), send.inTest())
                                .map(recorded -> new Assigned(e.id(), recorded, settings(e, recorded.variant())))
                        : Mono.just(new Assigned(e.id(), a, Map.of()))));
    }

    private static Map<String, String> settings(Experiment experiment, String variant) {
        return experiment.design().variants().stream()
                .filter(v -> v.key().equals(variant))
                .findFirst()
                .map(Variant::settings)
                .orElse(Map.of());
    }

    private Mono<Assignment> decide(TenantId tenant, Experiment experiment, UUID recipient) {
        Assignment first = Assignment.of(experiment, recipient);
        if (!(first instanceof Assignment.Wait)) {
            return Mono.just(first);
        }
        // a waiting recipient is a look: the remainder gets the winner as soon as there is one
        return look(tenant, experiment).map(r -> Assignment.of(r.experiment(), recipient));
    }

    private Mono<ExperimentResults> look(TenantId tenant, Experiment experiment) {
        UUID id = experiment.id();
        ExperimentDesign design = experiment.design();
        return Mono.zip(store.assignedCounts(tenant, id), outcomes.outcomes(tenant, experiment))
                .flatMap(counts -> {
                    ExperimentResults results =
                            ExperimentAnalysis.analyze(experiment, counts.getT1(), counts.getT2(), clock.instant());
                    String reason = reasonToRecord(experiment, results.recommendation());
                    if (reason == null) {
                        return Mono.just(results);
                    }
                    String winner = Objects.requireNonNullElse(
                            results.recommendation().winner(), design.control().key());
                    return store.recordWinner(tenant, id, winner, reason)
                            .map(recorded -> ExperimentAnalysis.analyze(
                                    recorded, counts.getT1(), counts.getT2(), results.computedAt()));
                });
    }

    private static @Nullable String reasonToRecord(
            Experiment experiment, Recommendation recommendation) {
        if (experiment.winner() != null || experiment.status() != ExperimentStatus.RUNNING) {
            return null;
        }
        return switch (recommendation.decision()) {
            case DECLARE_WINNER -> "sequential";
            case DEADLINE_WINNER -> "deadline";
            case STOP_NO_DIFFERENCE -> "no_difference";
            case KEEP_RUNNING, CHECK_ASSIGNMENT -> null;
        };
    }
}
