package io.funnelstream.api.stream;

import io.funnelstream.api.security.CurrentCaller;
import io.funnelstream.engine.stream.StreamTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Issues stream tokens to any API key: EventSource sends no headers, so the stream takes a short-lived token
 * instead, as query parameter {@code token} or as the cookie this call also sets.
 */
@RestController
class StreamTokenController {

    static final String COOKIE = "fs_stream_token";

    private final StreamTokens tokens;
    private final Clock clock;

    StreamTokenController(StreamTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    record IssuedStreamToken(String token, String tenant, Instant expiresAt) {}

    @PostMapping("/api/stream-tokens")
    Mono<ResponseEntity<IssuedStreamToken>> issue() {
        return CurrentCaller.principal().map(caller -> {
            StreamTokens.IssuedToken issued = tokens.issue(caller.tenant(), caller.apiKeyId());
            ResponseCookie cookie = ResponseCookie.from(COOKIE, issued.token())
                    .httpOnly(true)
                    .secure(true)
                    .sameSite("Strict")
                    .path("/api/analytics/stream")
                    .maxAge(Duration.between(clock.instant(), issued.grant().expiresAt()).plusSeconds(1))
                    .build();
            return ResponseEntity.status(HttpStatus.CREATED)
                    .header(HttpHeaders.SET_COOKIE, cookie.toString())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(new IssuedStreamToken(
                            issued.token(), caller.tenant().toString(), issued.grant().expiresAt()));
        });
    }
}
