package io.funnelstream.api.web;

import io.funnelstream.api.error.ProblemMapper;
import io.funnelstream.api.error.ProblemResponder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * Writes a {@link ResponseEntity} for the routes served straight from the HTTP server, ahead of the handler chain
 * (the webhook and tracking posts), as the chain would have: status, the entity's headers, the security headers
 * Spring Security adds to every other route, and the body. Those routes answer with bytes they wrote themselves, a
 * problem detail (written by the {@link ProblemResponder}, the request's path as its instance when it has none), or
 * nothing.
 */
public final class DirectResponses {

    /** What Spring Security's default header writers add to the answers of every route of the chain. */
    public static final HttpHeaders SECURITY_HEADERS = securityHeaders();

    private final ProblemMapper mapper;
    private final ProblemResponder problems;

    /**
     * @param mapper what the chain's error handler maps failures with
     * @param problems what it writes them with
     */
    public DirectResponses(ProblemMapper mapper, ProblemResponder problems) {
        this.mapper = mapper;
        this.problems = problems;
    }

    /** A failure that escaped a route, answered as the chain's error handler answers it (a 500 for the unexpected). */
    public Mono<Void> failure(Throwable failure, ServerHttpRequest request, ServerHttpResponse response) {
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        ProblemMapper.Mapped mapped = mapper.map(failure, request);
        response.getHeaders().putAll(SECURITY_HEADERS);
        return problems.write(request, response, mapped.problem(), mapped.headers(), failure);
    }

    /** Fails for a body of any other kind than bytes or a problem detail. */
    public Mono<Void> write(ResponseEntity<?> answer, ServerHttpRequest request, ServerHttpResponse response) {
        response.setStatusCode(answer.getStatusCode());
        HttpHeaders headers = response.getHeaders();
        headers.putAll(answer.getHeaders());
        headers.putAll(SECURITY_HEADERS);
        return switch (answer.getBody()) {
            case null -> response.setComplete();
            case byte[] bytes -> {
                headers.setContentLength(bytes.length);
                yield response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
            }
            case ProblemDetail problem -> problems.writeBody(request, response, problem);
            case Object other -> Mono.error(new IllegalStateException(
                    "a direct route answers with bytes or a problem detail, not " + other.getClass().getName()));
        };
    }

    private static HttpHeaders securityHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
        headers.set(HttpHeaders.PRAGMA, "no-cache");
        headers.set(HttpHeaders.EXPIRES, "0");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-XSS-Protection", "0");
        headers.set("Referrer-Policy", "no-referrer");
        return HttpHeaders.readOnlyHttpHeaders(headers);
    }
}
