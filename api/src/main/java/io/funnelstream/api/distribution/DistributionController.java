package io.funnelstream.api.distribution;

import io.funnelstream.api.distribution.DistributionRequests.CreateBody;
import io.funnelstream.api.distribution.DistributionRequests.SurveyBody;
import io.funnelstream.api.error.Problems;
import io.funnelstream.api.security.CurrentCaller;
import io.funnelstream.engine.distribution.DistributionSpec;
import io.funnelstream.engine.distribution.DistributionStatus;
import io.funnelstream.engine.distribution.DistributionStore;
import io.funnelstream.engine.distribution.DistributionStore.Action;
import io.funnelstream.engine.distribution.FieldError;
import io.funnelstream.engine.distribution.Recipient;
import io.funnelstream.engine.distribution.RecipientInput;
import io.funnelstream.engine.model.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Surveys and distributions of the caller's tenant: create (recipients inline, or streamed to the recipients
 * endpoint as a JSON array or NDJSON of any length), start, pause, cancel, and status with counts.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "Distributions", description = "Send a survey to recipients over email, SMS and WhatsApp. A"
        + " distribution is created as a draft, filled with recipients, then started; it can be paused, started"
        + " again and cancelled. Each recipient gets exactly one message; its counts say where the messages are.")
@SecurityRequirement(name = "apiKey")
@ApiResponse(responseCode = "400", description = "The body cannot be used: a problem detail whose 'errors' list"
        + " every invalid field ({field, message})",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "401", description = "No valid API key",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class DistributionController {

    private final DistributionStore store;
    private final SendingProperties properties;
    private final Clock clock;

    DistributionController(DistributionStore store, SendingProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    record Created(UUID id) {}

    record Added(long added) {}

    @PostMapping("/surveys")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a survey (a title and the link its distributions send people to)")
    Mono<Created> createSurvey(@RequestBody SurveyBody body) {
        List<FieldError> errors = new ArrayList<>();
        DistributionRequests.checkSurvey(body, errors);
        if (!errors.isEmpty()) {
            return Mono.error(DistributionRequests.invalid("invalid-survey", "This survey", errors));
        }
        return tenant(t -> store.createSurvey(t, body.title().strip(), body.link().strip()).map(Created::new));
    }

    @PostMapping("/distributions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a draft distribution, with up to funnelstream.sending.max-inline-recipients"
            + " recipients inline")
    @ApiResponse(responseCode = "201", description = "The draft", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No such survey in the tenant",
            content = @Content(mediaType = "application/problem+json"))
    Mono<DistributionView> create(@RequestBody CreateBody body) {
        List<FieldError> errors = new ArrayList<>();
        DistributionSpec spec = DistributionRequests.spec(body, errors);
        List<RecipientInput> inline = body.recipients() == null ? List.of() : body.recipients();
        if (inline.size() > properties.maxInlineRecipients()) {
            errors.add(new FieldError("recipients", "more than " + properties.maxInlineRecipients()
                    + " inline: post the rest to /api/distributions/{id}/recipients"));
        }
        List<Recipient> recipients = errors.isEmpty()
                ? DistributionRequests.recipients(inline, spec.channels(), errors) : List.of();
        if (!errors.isEmpty()) {
            return Mono.error(DistributionRequests.invalid("invalid-distribution", "This distribution", errors));
        }
        return tenant(t -> store.create(t, spec)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("survey-not-found",
                        "There is no survey " + spec.surveyId() + " in this tenant.")))
                .flatMap(id -> store.addRecipients(t, id, Flux.fromIterable(recipients)
                                .buffer(properties.recipientBatch()))
                        .then(view(t, id))));
    }

    @PostMapping(path = "/distributions/{id}/recipients",
            consumes = {"application/json", "application/x-ndjson"})
    @Operation(summary = "Add recipients: a JSON array or NDJSON, streamed and written in batches, all or none")
    @ApiResponse(responseCode = "200", description = "How many were added", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The distribution is cancelled or completed",
            content = @Content(mediaType = "application/problem+json"))
    Mono<Added> addRecipients(@PathVariable UUID id, @RequestBody Flux<RecipientInput> recipients) {
        return tenant(t -> store.status(t, id)
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .flatMap(d -> store.addRecipients(t, id, checked(recipients, d)))
                .onErrorMap(IllegalStateException.class, e -> Problems.conflict("distribution-finished",
                        "Recipients cannot be added: " + e.getMessage() + "."))
                .map(Added::new));
    }

    private Flux<List<Recipient>> checked(Flux<RecipientInput> inputs, DistributionStatus d) {
        return inputs.index()
                .buffer(properties.recipientBatch())
                .concatMap(batch -> {
                    List<FieldError> errors = new ArrayList<>();
                    List<Recipient> valid = new ArrayList<>(batch.size());
                    batch.forEach(r -> DistributionRequests.check(r.getT1(), r.getT2(), d.channels(), valid, errors));
                    return errors.isEmpty() ? Mono.just(valid)
                            : Mono.error(DistributionRequests.invalid("invalid-recipients", "These recipients",
                                    errors));
                });
    }

    @GetMapping("/distributions/{id}")
    @Operation(summary = "A distribution's status and counts")
    @ApiResponse(responseCode = "200", description = "The distribution", useReturnTypeSchema = true)
    Mono<DistributionView> status(@PathVariable UUID id) {
        return tenant(t -> view(t, id));
    }

    @PostMapping("/distributions/{id}/start")
    @Operation(summary = "Start (or resume) sending: a draft or paused distribution runs, or waits for its schedule")
    @ApiResponse(responseCode = "409", description = "Its status does not allow it",
            content = @Content(mediaType = "application/problem+json"))
    Mono<DistributionView> start(@PathVariable UUID id) {
        return change(id, Action.START);
    }

    @PostMapping("/distributions/{id}/pause")
    @Operation(summary = "Pause: messages in flight finish, no new ones start until it is started again")
    Mono<DistributionView> pause(@PathVariable UUID id) {
        return change(id, Action.PAUSE);
    }

    @PostMapping("/distributions/{id}/cancel")
    @Operation(summary = "Cancel: messages not sent yet never will be")
    Mono<DistributionView> cancel(@PathVariable UUID id) {
        return change(id, Action.CANCEL);
    }

    private Mono<DistributionView> change(UUID id, Action action) {
        return tenant(t -> store.change(t, id, action, clock.instant()).flatMap(done -> view(t, id)
                .flatMap(v -> done ? Mono.just(v) : Mono.error(Problems.conflict("distribution-state",
                        "A " + v.status() + " distribution cannot be " + past(action) + ".")))));
    }

    private static String past(Action action) {
        return Map.of(Action.START, "started", Action.PAUSE, "paused", Action.CANCEL, "cancelled").get(action);
    }

    private Mono<DistributionView> view(TenantId tenant, UUID id) {
        return store.status(tenant, id).map(DistributionView::of).switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    private static RuntimeException notFound(UUID id) {
        return Problems.notFound("distribution-not-found", "There is no distribution " + id + " in this tenant.");
    }

    private static <T> Mono<T> tenant(Function<TenantId, Mono<T>> work) {
        return CurrentCaller.tenant().flatMap(work);
    }
}
