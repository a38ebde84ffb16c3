package io.funnelstream.api.analytics;

import io.funnelstream.api.error.Problems;
import io.funnelstream.engine.analytics.Parsed;
import io.funnelstream.engine.analytics.Sourced;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;

/** Turns the engine's readings of request parameters into values or 400 problems, and results into responses. */
final class Requests {

    /** Says where a response's figures were read from: {@code rollups}, {@code postgres} or both. */
    static final String SOURCE_HEADER = "X-Funnelstream-Source";

    private Requests() {}

    /** The value, or a 400 problem of the parameter's slug and detail (and the accepted values, if few). */
    static <T> T valid(Parsed<T> parsed) {
        return switch (parsed) {
            case Parsed.Valid<T> v -> v.value();
            case Parsed.Invalid<T> invalid -> throw problem(invalid);
        };
    }

    static <T> ResponseEntity<T> ok(Sourced<?> sourced, T body) {
        return ResponseEntity.ok().header(SOURCE_HEADER, sourced.sourceList()).body(body);
    }

    private static ErrorResponseException problem(Parsed.Invalid<?> invalid) {
        ErrorResponseException problem = Problems.badRequest(invalid.slug(), invalid.detail());
        if (!invalid.allowed().isEmpty()) {
            problem.getBody().setProperty("allowed", invalid.allowed());
        }
        return problem;
    }
}
