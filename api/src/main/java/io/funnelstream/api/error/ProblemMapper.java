package io.funnelstream.api.error;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.CodecException;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.server.ServerWebInputException;

/**
 * Turns any failure into a problem detail with a Funnelstream type, a title, the status, a detail safe to show, and
 * the request path as {@code instance}. Unexpected failures become a 500 whose detail is only a reference to the log
 * line that holds the real cause: no exception text, SQL or stack trace ever reaches the client.
 */
public final class ProblemMapper {

    private static final Logger log = LoggerFactory.getLogger(ProblemMapper.class);

    private static final Map<Integer, String> SLUGS = Map.ofEntries(
            Map.entry(400, "bad-request"),
            Map.entry(401, "unauthorized"),
            Map.entry(403, "forbidden"),
            Map.entry(404, "not-found"),
            Map.entry(405, "method-not-allowed"),
            Map.entry(406, "not-acceptable"),
            Map.entry(409, "conflict"),
            Map.entry(413, "content-too-large"),
            Map.entry(415, "unsupported-media-type"),
            Map.entry(422, "unprocessable-content"),
            Map.entry(429, "too-many-requests"),
            Map.entry(500, "internal-error"),
            Map.entry(503, "service-unavailable"));

    /** A problem and the headers that belong with it (e.g. {@code Allow} on 405). */
    public record Mapped(ProblemDetail problem, HttpHeaders headers) {}

    public Mapped map(Throwable failure, ServerHttpRequest request) {
        Mapped mapped = classify(failure);
        ProblemDetail problem = mapped.problem();
        if (problem.getInstance() == null) {
            problem.setInstance(instance(request));
        }
        if (problem.getStatus() >= 500) {
            reportServerError(failure, request, problem);
        } else {
            log.debug("{} {} answered {}: {}",
                    request.getMethod(), request.getPath(), problem.getStatus(), failure.toString());
        }
        return mapped;
    }

    private static Mapped classify(Throwable failure) {
        if (causedBy(failure, DataBufferLimitException.class)) {
            return plain(Problems.problem(HttpStatus.CONTENT_TOO_LARGE, "content-too-large",
                    "The request body is larger than this server accepts."));
        }
        if (failure instanceof ErrorResponse response) {
            return new Mapped(fromErrorResponse(failure, response), response.getHeaders());
        }
        if (failure instanceof DecodingException || failure instanceof CodecException) {
            return plain(malformed());
        }
        if (failure instanceof AuthenticationException) {
            return plain(Problems.problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication is required."));
        }
        if (failure instanceof AccessDeniedException) {
            return plain(Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "Access to this resource is denied."));
        }
        return plain(Problems.problem(
                HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "An unexpected error occurred."));
    }

    private static ProblemDetail fromErrorResponse(Throwable failure, ErrorResponse response) {
        HttpStatusCode status = response.getStatusCode();
        ProblemDetail source = response.getBody();
        if (source.getType() != null && source.getType().toString().startsWith(Problems.TYPE_PREFIX)) {
            return copy(source);
        }
        if (failure instanceof WebExchangeBindException binding) {
            return validationFailed(binding);
        }
        if (failure instanceof ServerWebInputException && causedBy(failure, CodecException.class)) {
            return malformed();
        }
        String slug = SLUGS.getOrDefault(status.value(), "http-" + status.value());
        // A path the dashboard's static files lack says so in the same words as any other unknown path.
        String detail = status.is5xxServerError() || source.getDetail() == null
                || failure instanceof NoResourceFoundException
                ? defaultDetail(status)
                : source.getDetail();
        ProblemDetail problem = Problems.problem(status, slug, detail);
        if (source.getProperties() != null && !status.is5xxServerError()) {
            source.getProperties().forEach(problem::setProperty);
        }
        return problem;
    }

    private static ProblemDetail malformed() {
        return Problems.problem(HttpStatus.BAD_REQUEST, "malformed-request",
                "The request body could not be read: it is not well-formed or does not have the expected shape.");
    }

    private static ProblemDetail validationFailed(WebExchangeBindException binding) {
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "validation-failed",
                "The request content is invalid.");
        List<Map<String, String>> errors = binding.getFieldErrors().stream()
                .map(error -> Map.of(
                        "field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        problem.setProperty("errors", errors);
        return problem;
    }

    private static String defaultDetail(HttpStatusCode status) {
        if (status.value() == 404) {
            return "Nothing is served at this path.";
        }
        if (status.is5xxServerError()) {
            return "The server could not complete the request.";
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "Request failed." : known.getReasonPhrase() + ".";
    }

    private static ProblemDetail copy(ProblemDetail source) {
        ProblemDetail copy = ProblemDetail.forStatus(source.getStatus());
        copy.setType(source.getType());
        copy.setTitle(source.getTitle());
        copy.setDetail(source.getDetail());
        copy.setInstance(source.getInstance());
        if (source.getProperties() != null) {
            source.getProperties().forEach(copy::setProperty);
        }
        return copy;
    }

    private static void reportServerError(Throwable failure, ServerHttpRequest request, ProblemDetail problem) {
        String reference = UUID.randomUUID().toString();
        problem.setProperty("reference", reference);
        String detail = problem.getDetail() == null ? "" : problem.getDetail();
        problem.setDetail(detail + " Reference: " + reference + ".");
        log.atError()
                .setCause(failure)
                .addKeyValue("reference", reference)
                .addKeyValue("status", problem.getStatus())
                .log("{} {} failed", request.getMethod(), request.getPath());
    }

    private static Mapped plain(ProblemDetail problem) {
        return new Mapped(problem, HttpHeaders.EMPTY);
    }

    static @Nullable URI instance(ServerHttpRequest request) {
        try {
            return URI.create(request.getPath().value());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                return false;
            }
        }
        return false;
    }
}
