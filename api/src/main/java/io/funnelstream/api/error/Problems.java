package io.funnelstream.api.error;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Builds RFC 9457 problem details with stable types: {@code https://funnelstream.io/problems/<slug>}.
 *
 * <p>Return {@code Mono.error(Problems.badRequest("invalid-window", "from must be before to"))} from any handler or
 * filter; the error handling turns it into an {@code application/problem+json} response. Use {@link #problem} when a
 * {@link ProblemDetail} value is needed directly. The title is derived from the slug, so one type always has one title.
 * The detail is shown to clients: never put SQL, stack traces, secrets or personal data in it.
 */
public final class Problems {

    /** Every Funnelstream problem type starts with this. */
    public static final String TYPE_PREFIX = "https://funnelstream.io/problems/";

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private Problems() {}

    /** The type URI of {@code slug}. */
    public static URI type(String slug) {
        if (!SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException("A problem slug is lower-case words joined by '-': " + slug);
        }
        return URI.create(TYPE_PREFIX + slug);
    }

    /** The title of {@code slug}: {@code feature-disabled} reads "Feature disabled". */
    public static String title(String slug) {
        String words = slug.replace('-', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    /** A problem detail of {@code status} and {@code slug}. */
    public static ProblemDetail problem(HttpStatusCode status, String slug, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        problem.setTitle(title(slug));
        return problem;
    }

    /** An exception carrying a problem detail, for {@code Mono.error(...)} or {@code throw}. */
    public static ErrorResponseException of(HttpStatusCode status, String slug, String detail) {
        return new ErrorResponseException(status, problem(status, slug, detail), null);
    }

    public static ErrorResponseException badRequest(String slug, String detail) {
        return of(HttpStatus.BAD_REQUEST, slug, detail);
    }

    public static ErrorResponseException unauthorized(String slug, String detail) {
        return of(HttpStatus.UNAUTHORIZED, slug, detail);
    }

    public static ErrorResponseException forbidden(String slug, String detail) {
        return of(HttpStatus.FORBIDDEN, slug, detail);
    }

    public static ErrorResponseException notFound(String slug, String detail) {
        return of(HttpStatus.NOT_FOUND, slug, detail);
    }

    public static ErrorResponseException conflict(String slug, String detail) {
        return of(HttpStatus.CONFLICT, slug, detail);
    }

    public static ErrorResponseException contentTooLarge(String detail) {
        return of(HttpStatus.CONTENT_TOO_LARGE, "content-too-large", detail);
    }

    public static ErrorResponseException unprocessable(String slug, String detail) {
        return of(HttpStatus.UNPROCESSABLE_CONTENT, slug, detail);
    }

    public static ErrorResponseException tooManyRequests(String slug, String detail) {
        return of(HttpStatus.TOO_MANY_REQUESTS, slug, detail);
    }

    public static ErrorResponseException serviceUnavailable(String slug, String detail) {
        return of(HttpStatus.SERVICE_UNAVAILABLE, slug, detail);
    }

    /** 404 for a route of a switched-off feature: to the client the capability simply does not exist. */
    public static ErrorResponseException featureDisabled(String feature) {
        ErrorResponseException error =
                notFound("feature-disabled", "The " + feature + " capability is switched off on this server.");
        error.getBody().setProperty("feature", feature);
        return error;
    }
}
