package io.funnelstream.api.webhook;

import io.funnelstream.api.error.Problems;
import io.funnelstream.api.webhook.WebhookMetrics.Outcome;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * What a webhook request is answered with, and how it counts in the metrics.
 *
 * @param response status, headers and body
 * @param outcome the request's outcome tag
 * @param reason what was accepted, or the problem slug
 */
record Answer(ResponseEntity<Object> response, Outcome outcome, String reason) {

    /**
     * {@code {"accepted":n,"duplicates":m}}, written as bytes rather than through the JSON encoder: every accepted
     * request is answered so, and two numbers need no serialiser.
     */
    static Answer events(int accepted, int duplicates) {
        Outcome outcome = accepted == 0 ? Outcome.DUPLICATE : Outcome.ACCEPTED;
        byte[] body = ("{\"accepted\":" + accepted + ",\"duplicates\":" + duplicates + "}")
                .getBytes(StandardCharsets.US_ASCII);
        return new Answer(ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body), outcome, "events");
    }

    static Answer text(String body, String reason) {
        return new Answer(ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(body), Outcome.ACCEPTED, reason);
    }

    static Answer empty(String reason) {
        return new Answer(ResponseEntity.ok().build(), Outcome.ACCEPTED, reason);
    }

    /** A 4xx problem: the request is refused and nothing is recorded. */
    static Answer rejected(int status, String slug, String detail, URI instance) {
        return new Answer(problem(status, slug, detail, instance, HttpHeaders.EMPTY), Outcome.REJECTED, slug);
    }

    static Answer methodNotAllowed(List<HttpMethod> allowed, String detail, URI instance) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAllow(new LinkedHashSet<>(allowed));
        String slug = "webhook-unsupported-method";
        return new Answer(problem(405, slug, detail, instance, headers), Outcome.REJECTED, slug);
    }

    /** 503 with Retry-After: nothing was acknowledged, the provider should send the request again. */
    static Answer unavailable(String slug, String detail, Duration retryAfter, URI instance) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        return new Answer(problem(503, slug, detail, instance, headers), Outcome.UNAVAILABLE, slug);
    }

    private static ResponseEntity<Object> problem(
            int status, String slug, String detail, URI instance, HttpHeaders headers) {
        ProblemDetail problem = Problems.problem(HttpStatusCode.valueOf(status), slug, detail);
        problem.setInstance(instance);
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
