package io.funnelstream.api.stream;

import io.funnelstream.api.alert.AlertViews;
import io.funnelstream.api.error.Problems;
import io.funnelstream.engine.alert.Alert;
import io.funnelstream.engine.experiment.Experiments;
import io.funnelstream.engine.experiment.Variant;
import io.funnelstream.engine.rollup.Scope;
import io.funnelstream.engine.stream.ExperimentWatch;
import io.funnelstream.engine.stream.LiveScope;
import io.funnelstream.engine.stream.StreamGrant;
import io.funnelstream.engine.stream.StreamItem;
import io.funnelstream.engine.stream.TokenCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/analytics/stream?scope=...}: a tenant scope's live numbers as Server-Sent Events. Authenticated by a
 * stream token (query parameter {@code token} or cookie {@code fs_stream_token}); the route is public to Spring
 * Security because EventSource cannot send an API key. Events: {@code snapshot} first, then {@code delta}, each with
 * an id (rising per scope) and absolute figures; {@code alert} events after the update they came with (every firing
 * alert after a snapshot, each transition after a delta); comments as heartbeats. A client resumes with the
 * {@code Last-Event-ID} header (EventSource's own reconnect) or, on a new EventSource with a fresh token, the
 * {@code lastEventId} query parameter; the header wins when both are given. {@code experiment:<id>} streams the
 * tenant's experiment per variant (one range per variant key, see {@link EventPayloads}); an experiment the tenant
 * does not have answers 404.
 */
@RestController
class StreamController {

    private static final Logger log = LoggerFactory.getLogger(StreamController.class);

    private final LiveStreams streams;
    private final Experiments experiments;

    StreamController(LiveStreams streams, Experiments experiments) {
        this.streams = streams;
        this.experiments = experiments;
    }

    @GetMapping("/api/analytics/stream")
    Mono<ResponseEntity<Flux<ServerSentEvent<Object>>>> stream(
            @RequestParam(name = "scope", defaultValue = "overview") String scopeName,
            @RequestParam(name = "token", required = false) @Nullable String tokenParam,
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventIdHeader,
            @RequestParam(name = "lastEventId", required = false) @Nullable String lastEventIdParam,
            ServerWebExchange exchange) {
        LiveScope scope = LiveScope.parse(scopeName).orElse(null);
        if (scope == null) {
            return Mono.error(Problems.badRequest("invalid-scope",
                    "scope must be overview, channel:<email|sms|whatsapp>, distribution:<uuid> or experiment:<uuid>."));
        }
        return grant(tokenParam, exchange.getRequest().getCookies().getFirst(StreamTokenController.COOKIE))
                .flatMap(grant -> live(grant).thenReturn(grant))
                .flatMap(grant -> updates(grant, scope,
                                parseId(lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParam))
                        .map(updates -> ResponseEntity.ok()
                                .contentType(MediaType.TEXT_EVENT_STREAM)
                                .header("Cache-Control", "no-store")
                                .header("X-Accel-Buffering", "no")
                                .body(events(grant, scope, updates))));
    }

    /** The hub's updates of the scope; an experiment must be the tenant's (404 otherwise). */
    private Mono<Flux<StreamItem>> updates(StreamGrant grant, LiveScope scope, @Nullable Long lastEventId) {
        if (scope instanceof LiveScope.OfExperiment experiment) {
            return experiments.find(grant.tenant(), experiment.experimentId())
                    .switchIfEmpty(Mono.error(() -> Problems.notFound("experiment-not-found",
                            "There is no experiment " + experiment.experimentId() + ".")))
                    .map(found -> streams.hub().connect(grant.tenant(), new ExperimentWatch(found.id(),
                            found.design().variants().stream().map(Variant::key).toList()), lastEventId));
        }
        return Mono.just(streams.hub().connect(grant.tenant(), rollupScope(scope), lastEventId));
    }

    private Mono<StreamGrant> grant(@Nullable String tokenParam, @Nullable HttpCookie cookie) {
        String token = tokenParam != null ? tokenParam : cookie != null ? cookie.getValue() : null;
        if (token == null || token.isEmpty()) {
            return Mono.error(Problems.unauthorized("stream-token-required",
                    "Streams need a stream token from POST /api/stream-tokens, as ?token= or cookie."));
        }
        return switch (streams.tokens().check(token)) {
            case TokenCheck.Valid valid -> Mono.just(valid.grant());
            case TokenCheck.Refused refused ->
                    Mono.error(Problems.unauthorized("invalid-stream-token", refused.reason()));
        };
    }

    private Mono<Void> live(StreamGrant grant) {
        return streams.revocations().isLive(grant)
                .onErrorMap(failure -> Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "stream-unavailable",
                        "The API key behind the token could not be checked; try again."))
                .flatMap(live -> live ? Mono.<Void>empty() : Mono.error(Problems.unauthorized("invalid-stream-token",
                        "The API key this token was issued to has been revoked.")));
    }

    private static Scope rollupScope(LiveScope scope) {
        return scope.rollupScope().orElseThrow(() -> Problems.notFound("scope-not-streamed",
                scope.name() + " has no live numbers."));
    }

    private Flux<ServerSentEvent<Object>> events(StreamGrant grant, LiveScope scope, Flux<StreamItem> updates) {
        // A check slower than the period (a busy database) must not fail the stream: ticks meanwhile are dropped.
        // (Without onBackpressureDrop the interval overflowed the queue of a slow concatMap and errored, and the
        // connection was closed mid-response.)
        Flux<Boolean> revoked = Flux.interval(streams.revocationCheck(), streams.scheduler())
                .onBackpressureDrop()
                .concatMap(tick -> streams.revocations().isStillLive(grant), 0)
                .filter(live -> !live)
                .take(1)
                .doOnNext(r -> streams.metrics().dropped("revoked"));
        AtomicBoolean first = new AtomicBoolean(true);
        return streams.shaper()
                .shape(updates, revoked)
                .concatMapIterable(item -> toEvents(scope, item, first))
                .doOnNext(event -> streams.metrics().sent(event.event() == null ? "heartbeat" : event.event()))
                .doOnError(failure -> !(failure instanceof ErrorResponseException),
                        failure -> log.warn("live stream of {} ended by a failure: {}", scope.name(), failure.toString()))
                .onErrorMap(failure -> !(failure instanceof ErrorResponseException), failure -> Problems.of(
                        HttpStatus.SERVICE_UNAVAILABLE, "stream-unavailable", "Live numbers are unavailable now."))
                .doOnSubscribe(s -> streams.metrics().opened())
                .doFinally(signal -> streams.metrics().closed());
    }

    /**
     * The item's event, then its {@code alert} events: on a snapshot every alert that fires, on a delta the alerts
     * that fired or resolved with it. They share the update's id, so a resume never repeats or skips them.
     */
    private List<ServerSentEvent<Object>> toEvents(LiveScope scope, StreamItem item, AtomicBoolean first) {
        ServerSentEvent<Object> main = toEvent(scope, item, first);
        List<Alert> alerts = switch (item) {
            case StreamItem.Snapshot snapshot -> snapshot.event().alerts().firing();
            case StreamItem.Delta delta -> delta.event().alerts().transitions();
            case StreamItem.Heartbeat heartbeat -> List.of();
        };
        if (alerts.isEmpty()) {
            return List.of(main);
        }
        List<ServerSentEvent<Object>> out = new ArrayList<>(alerts.size() + 1);
        out.add(main);
        for (Alert alert : alerts) {
            Map<String, @Nullable Object> data = new LinkedHashMap<>();
            data.put("scope", scope.name());
            data.putAll(AlertViews.alert(alert));
            out.add(ServerSentEvent.builder().id(Objects.requireNonNull(main.id())).event("alert")
                    .data((Object) data).build());
        }
        return out;
    }

    private ServerSentEvent<Object> toEvent(LiveScope scope, StreamItem item, AtomicBoolean first) {
        ServerSentEvent.Builder<Object> event = switch (item) {
            case StreamItem.Snapshot snapshot -> ServerSentEvent.builder()
                    .id(Long.toString(snapshot.event().id()))
                    .event("snapshot")
                    .data(EventPayloads.of(scope, snapshot.event(), false));
            case StreamItem.Delta delta -> ServerSentEvent.builder()
                    .id(Long.toString(delta.event().id()))
                    .event("delta")
                    .data(EventPayloads.of(scope, delta.event(), true));
            case StreamItem.Heartbeat heartbeat -> ServerSentEvent.builder().comment("heartbeat");
        };
        if (first.getAndSet(false)) {
            event.retry(streams.retry());
        }
        return event.build();
    }

    private static @Nullable Long parseId(@Nullable String id) {
        if (id == null || id.isEmpty() || id.length() > 19) {
            return null;
        }
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
