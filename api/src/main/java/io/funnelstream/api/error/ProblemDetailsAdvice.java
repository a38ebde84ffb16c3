package io.funnelstream.api.error;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring's problem-detail handling for annotated controllers ({@code spring.webflux.problemdetails.enabled}), with our
 * types and instances: it takes the place of Boot's handler, and shapes every answer like the
 * {@link ProblemWebExceptionHandler} does. Exceptions it does not know go on to that handler.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private final ProblemMapper mapper;

    ProblemDetailsAdvice(ProblemMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(
            Exception failure,
            @Nullable Object body,
            @Nullable HttpHeaders headers,
            HttpStatusCode status,
            ServerWebExchange exchange) {
        ProblemMapper.Mapped mapped = mapper.map(failure, exchange.getRequest());
        HttpHeaders merged = new HttpHeaders();
        merged.putAll(mapped.headers());
        if (headers != null) {
            merged.putAll(headers);
        }
        merged.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return Mono.just(ResponseEntity.status(mapped.problem().getStatus()).headers(merged).body(mapped.problem()));
    }
}
