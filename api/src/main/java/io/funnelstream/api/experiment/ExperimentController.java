package io.funnelstream.api.experiment;

import io.funnelstream.api.error.Problems;
import io.funnelstream.api.experiment.ExperimentViews.ExperimentView;
import io.funnelstream.api.experiment.ExperimentViews.ResultsView;
import io.funnelstream.api.experiment.ExperimentViews.SampleSizeView;
import io.funnelstream.api.security.CurrentCaller;
import io.funnelstream.engine.experiment.ExperimentDesign;
import io.funnelstream.engine.experiment.ExperimentStatus;
import io.funnelstream.engine.experiment.Experiments;
import io.funnelstream.engine.experiment.StatusChange;
import io.funnelstream.engine.experiment.stats.SampleSize;
import io.funnelstream.engine.model.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A/B experiments of the caller's tenant. Reading results is a look of the always-valid sequential test: the first
 * look that declares a winner records it, and from then on recipients not yet assigned get the winner.
 */
@RestController
@RequestMapping("/api/experiments")
@Tag(name = "Experiments", description = "A/B tests of a distribution's variants, with statistics that stay valid"
        + " under continuous monitoring")
class ExperimentController {

    private static final int LIST_LIMIT = 200;

    private final Experiments experiments;

    ExperimentController(Experiments experiments) {
        this.experiments = experiments;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a draft experiment on a distribution")
    Mono<ExperimentView> create(@RequestBody ExperimentRequest request) {
        ExperimentRequest.Checked checked = request.check();
        ExperimentDesign design = checked.design();
        if (design == null) {
            return Mono.error(invalid(checked.problems()));
        }
        return tenant(t -> experiments.create(t, design)
                .switchIfEmpty(Mono.error(() -> Problems.badRequest("invalid-experiment",
                        "distribution " + design.distribution() + " does not exist")))
                .map(ExperimentView::of));
    }

    @GetMapping
    @Operation(summary = "The tenant's experiments, newest first")
    Flux<ExperimentView> list() {
        return CurrentCaller.tenant().flatMapMany(t -> experiments.list(t, LIST_LIMIT)).map(ExperimentView::of);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One experiment")
    Mono<ExperimentView> find(@PathVariable UUID id) {
        return tenant(t -> experiments.find(t, id).switchIfEmpty(notFound(id)).map(ExperimentView::of));
    }

    @PostMapping("/{id}/start")
    @Operation(summary = "Start (or resume) sending variants")
    Mono<ExperimentView> start(@PathVariable UUID id) {
        return move(id, ExperimentStatus.RUNNING);
    }

    @PostMapping("/{id}/pause")
    @Operation(summary = "Pause: recipients get nothing from the experiment until it starts again")
    Mono<ExperimentView> pause(@PathVariable UUID id) {
        return move(id, ExperimentStatus.PAUSED);
    }

    @PostMapping("/{id}/stop")
    @Operation(summary = "Stop for good; with a winner recorded, the rest of the audience still gets it")
    Mono<ExperimentView> stop(@PathVariable UUID id) {
        return move(id, ExperimentStatus.STOPPED);
    }

    @GetMapping("/{id}/results")
    @Operation(summary = "Per-variant counts and rates with intervals, differences, tests and the decision")
    Mono<ResultsView> results(@PathVariable UUID id) {
        return tenant(t -> experiments.results(t, id).switchIfEmpty(notFound(id)).map(ResultsView::of));
    }

    @GetMapping("/sample-size")
    @Operation(summary = "Users needed per variant to detect an absolute change of a rate")
    Mono<SampleSizeView> sampleSize(
            @RequestParam double baseline,
            @RequestParam double minimumDetectableEffect,
            @RequestParam(required = false) @Nullable Double alpha,
            @RequestParam(required = false) @Nullable Double power) {
        double a = Objects.requireNonNullElse(alpha, ExperimentDesign.DEFAULT_ALPHA);
        double p = Objects.requireNonNullElse(power, ExperimentDesign.DEFAULT_POWER);
        try {
            SampleSize size = SampleSize.perArm(baseline, minimumDetectableEffect, a, p);
            return Mono.just(SampleSizeView.of(baseline, minimumDetectableEffect, a, p, size));
        } catch (IllegalArgumentException e) {
            return Mono.error(invalid(List.of(Objects.requireNonNullElse(e.getMessage(), "bad input"))));
        }
    }

    private Mono<ExperimentView> move(UUID id, ExperimentStatus wanted) {
        return tenant(t -> experiments.changeStatus(t, id, wanted)
                .switchIfEmpty(notFound(id))
                .flatMap(change -> switch (change) {
                    case StatusChange.Changed changed -> Mono.just(ExperimentView.of(changed.experiment()));
                    case StatusChange.NotAllowed refused -> Mono.error(Problems.conflict("experiment-status",
                            "a " + refused.current().slug() + " experiment cannot become " + refused.wanted().slug()));
                }));
    }

    private static <T> Mono<T> tenant(Function<TenantId, Mono<T>> work) {
        return CurrentCaller.tenant().flatMap(work);
    }

    private static <T> Mono<T> notFound(UUID id) {
        return Mono.error(() -> Problems.notFound("experiment-not-found", "no experiment " + id));
    }

    private static ErrorResponseException invalid(List<String> problems) {
        ErrorResponseException error = Problems.badRequest("invalid-experiment", String.join("; ", problems));
        error.getBody().setProperty("errors", problems);
        return error;
    }
}
