package io.funnelstream.api.stream;

import io.funnelstream.api.error.Problems;
import io.funnelstream.engine.rollup.Scope;
import io.funnelstream.engine.stream.LiveScope;
import io.funnelstream.engine.stream.StreamGrant;
import io.funnelstream.engine.stream.StreamItem;
import io.funnelstream.engine.stream.TokenCheck;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
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
 * an id (rising per scope) and absolute figures; comments as heartbeats. A client resumes with the
 * {@code Last-Event-ID} header (EventSource's own reconnect) or, on a new EventSource with a fresh token, the
 * {@code lastEventId} query parameter; the header wins when both are given. {@code experiment:<id>} answers 404 until
 * experiments are rolled up.
 */
@RestController
class StreamController {

    private final LiveStreams streams;

    StreamController(LiveStreams streams) {
        this.streams = streams;
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
                .map(grant -> ResponseEntity.ok()
                        .contentType(MediaType.TEXT_EVENT_STREAM)
                        .header("Cache-Control", "no-store")
                        .header("X-Accel-Buffering", "no")
                        .body(events(grant, scope, rollupScope(scope),
                                parseId(lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParam))));
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
                "Experiments are not streamed yet: " + scope.name() + " has no live numbers."));
    }

    private Flux<ServerSentEvent<Object>> events(StreamGrant grant, LiveScope scope, Scope rollupScope,
            @Nullable Long lastEventId) {
        Flux<Boolean> revoked = Flux.interval(streams.revocationCheck(), streams.scheduler())
                .concatMap(tick -> streams.revocations().isStillLive(grant))
                .filter(live -> !live)
                .take(1)
                .doOnNext(r -> streams.metrics().dropped("revoked"));
        AtomicBoolean first = new AtomicBoolean(true);
        return streams.shaper()
                .shape(streams.hub().connect(grant.tenant(), rollupScope, lastEventId), revoked)
                .map(item -> toEvent(scope, item, first))
                .doOnNext(event -> streams.metrics().sent(event.event() == null ? "heartbeat" : event.event()))
                .onErrorMap(failure -> !(failure instanceof ErrorResponseException), failure -> Problems.of(
                        HttpStatus.SERVICE_UNAVAILABLE, "stream-unavailable", "Live numbers are unavailable now."))
                .doOnSubscribe(s -> streams.metrics().opened())
                .doFinally(signal -> streams.metrics().closed());
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
