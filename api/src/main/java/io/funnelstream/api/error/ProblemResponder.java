package io.funnelstream.api.error;

import java.util.Map;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Writes a problem detail as the response, with the application's own JSON codec. For code that answers outside the
 * handler pipeline (web filters, security entry points, the routes served ahead of it); handlers simply return
 * {@code Mono.error(Problems...)}.
 */
public final class ProblemResponder {

    private static final ResolvableType PROBLEM = ResolvableType.forClass(ProblemDetail.class);

    private final HttpMessageWriter<ProblemDetail> writer;

    public ProblemResponder(ServerCodecConfigurer codecs) {
        this.writer = jsonWriter(codecs);
    }

    @SuppressWarnings("unchecked")
    private static HttpMessageWriter<ProblemDetail> jsonWriter(ServerCodecConfigurer codecs) {
        return codecs.getWriters().stream()
                .filter(candidate -> candidate.canWrite(PROBLEM, MediaType.APPLICATION_PROBLEM_JSON))
                .map(candidate -> (HttpMessageWriter<ProblemDetail>) candidate)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No codec writes application/problem+json"));
    }

    /** Writes {@code problem} and {@code headers}; fails with {@code failure} if the response is already committed. */
    public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem, HttpHeaders headers, Throwable failure) {
        return write(exchange.getRequest(), exchange.getResponse(), problem, headers, failure);
    }

    /** As {@link #write(ServerWebExchange, ProblemDetail, HttpHeaders, Throwable)}, outside an exchange. */
    public Mono<Void> write(ServerHttpRequest request, ServerHttpResponse response, ProblemDetail problem,
            HttpHeaders headers, Throwable failure) {
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().putAll(headers);
        return writeBody(request, response, problem);
    }

    /**
     * The problem as the body of a response whose status and headers are set: its content type, and the request's
     * path as its instance when it has none.
     */
    public Mono<Void> writeBody(ServerHttpRequest request, ServerHttpResponse response, ProblemDetail problem) {
        if (problem.getInstance() == null) {
            problem.setInstance(ProblemMapper.instance(request));
        }
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (HttpMethod.HEAD.equals(request.getMethod())) {
            return response.setComplete();
        }
        return writer.write(Mono.just(problem), PROBLEM, MediaType.APPLICATION_PROBLEM_JSON, response, Map.of());
    }
}
