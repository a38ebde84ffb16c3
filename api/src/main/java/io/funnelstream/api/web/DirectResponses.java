package io.funnelstream.api.web;

import io.funnelstream.api.error.ProblemMapper;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * Writes a {@link ResponseEntity} for the routes served straight from the HTTP server, ahead of the handler chain
 * (the webhook and tracking posts), as the chain would have: status, the entity's headers, the security headers
 * Spring Security adds to every other route, and the body (bytes as they are, anything else through the server's
 * message writers in the entity's content type). A problem detail without an instance gets the request's path, as
 * the chain's result handler gives it.
 */
public final class DirectResponses {

    /** What Spring Security's default header writers add to the answers of every route of the chain. */
    public static final HttpHeaders SECURITY_HEADERS = securityHeaders();

    private final List<HttpMessageWriter<?>> writers;
    private final ProblemMapper problems;

    /**
     * @param writers the server's message writers (its {@code ServerCodecConfigurer}'s)
     * @param problems what the chain's error handler answers failures with
     */
    public DirectResponses(List<HttpMessageWriter<?>> writers, ProblemMapper problems) {
        this.writers = List.copyOf(writers);
        this.problems = problems;
    }

    /** A failure that escaped a route, answered as the chain's error handler answers it (a 500 for the unexpected). */
    public Mono<Void> failure(Throwable failure, ServerHttpRequest request, ServerHttpResponse response) {
        ProblemMapper.Mapped mapped = problems.map(failure, request);
        return write(ResponseEntity.status(mapped.problem().getStatus())
                .headers(mapped.headers())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(mapped.problem()), request, response);
    }

    @SuppressWarnings("unchecked")
    public Mono<Void> write(ResponseEntity<?> answer, ServerHttpRequest request, ServerHttpResponse response) {
        response.setStatusCode(answer.getStatusCode());
        HttpHeaders headers = response.getHeaders();
        headers.putAll(answer.getHeaders());
        headers.putAll(SECURITY_HEADERS);
        Object body = answer.getBody();
        if (body == null) {
            return response.setComplete();
        }
        if (body instanceof byte[] bytes) {
            headers.setContentLength(bytes.length);
            return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
        }
        if (body instanceof ProblemDetail problem && problem.getInstance() == null) {
            problem.setInstance(URI.create(request.getPath().value()));
        }
        MediaType type = answer.getHeaders().getContentType();
        ResolvableType bodyType = ResolvableType.forInstance(body);
        for (HttpMessageWriter<?> writer : writers) {
            if (writer.canWrite(bodyType, type)) {
                return ((HttpMessageWriter<Object>) writer).write(Mono.just(body), bodyType, type, response, Map.of());
            }
        }
        return Mono.error(new IllegalStateException("no message writer for " + bodyType + " as " + type));
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
