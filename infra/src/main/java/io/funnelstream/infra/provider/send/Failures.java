package io.funnelstream.infra.provider.send;

import io.funnelstream.engine.send.SendOutcome;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/** Sorts what went wrong in a call into {@link SendOutcome.Failed} outcomes, retryable or not. */
final class Failures {

    static final String TIMEOUT = "timeout";
    static final String CIRCUIT_OPEN = "circuit-open";
    static final String RATE_LIMITED = "rate-limited";
    static final String BULKHEAD_FULL = "bulkhead-full";
    static final String CONNECTION = "connection-error";
    static final String MALFORMED = "malformed-response";
    static final String CREDENTIALS = "credentials-missing";

    private static final int MIN_SECRET_LENGTH = 4;

    private Failures() {}

    /** A retryable failure, as the error that carries it through the resilience operators. */
    static RetryableFailure retryable(String code, String reason, @Nullable Duration retryAfter) {
        return new RetryableFailure(new SendOutcome.Failed(code, reason, true, retryAfter));
    }

    /**
     * A 2xx answer we cannot read: the provider has probably taken the message, so it is not retried (a retry
     * could send it twice).
     */
    static SendOutcome.Failed malformed(String what) {
        return new SendOutcome.Failed(MALFORMED, "the provider answered success but " + what
                + "; it may have taken the message, so it is not retried", false, null);
    }

    /** The failure for the first of these credentials the tenant has not set, if any. */
    static Optional<SendOutcome> missing(Map<String, String> credentials, String... names) {
        for (String name : names) {
            String value = credentials.get(name);
            if (value == null || value.isBlank()) {
                return Optional.of(new SendOutcome.Failed(CREDENTIALS, "the credential " + name + " is not set",
                        false, null));
            }
        }
        return Optional.empty();
    }

    /** The outcome an error stands for, when it is one we know; anything else is a bug. */
    static Optional<SendOutcome.Failed> classify(Throwable error, Duration timeout) {
        SendOutcome.Failed failed = switch (error) {
            case RetryableFailure f -> f.outcome();
            case TimeoutException t -> new SendOutcome.Failed(TIMEOUT, "no answer within " + timeout, true, null);
            case CallNotPermittedException c ->
                    new SendOutcome.Failed(CIRCUIT_OPEN, "the provider's circuit is open", true, null);
            case RequestNotPermitted r ->
                    new SendOutcome.Failed(RATE_LIMITED, "the provider's rate limit is reached", true, null);
            case BulkheadFullException b ->
                    new SendOutcome.Failed(BULKHEAD_FULL, "too many calls to the provider in flight", true, null);
            case WebClientRequestException w -> connection(w);
            case IOException e -> connection(e);
            default -> null;
        };
        return Optional.ofNullable(failed);
    }

    /** Whether the retry may try again after this error: retryable answers, not refusals of our own guards. */
    static boolean shouldRetry(Throwable error, Duration timeout, Duration maxRetryAfter) {
        return classify(error, timeout)
                .filter(SendOutcome.Failed::retryable)
                .filter(f -> !f.code().equals(CIRCUIT_OPEN) && !f.code().equals(RATE_LIMITED)
                        && !f.code().equals(BULKHEAD_FULL))
                .filter(f -> f.retryAfter() == null || f.retryAfter().compareTo(maxRetryAfter) <= 0)
                .isPresent();
    }

    /** The values of these credentials, the ones that are secret. */
    static List<@Nullable String> secrets(Map<String, String> credentials, String... names) {
        List<@Nullable String> values = new ArrayList<>(names.length);
        for (String name : names) {
            values.add(credentials.get(name));
        }
        return values;
    }

    /** The outcome with every secret value masked in its reason and code. */
    static SendOutcome scrub(SendOutcome outcome, List<@Nullable String> secrets) {
        if (!(outcome instanceof SendOutcome.Failed f)) {
            return outcome;
        }
        return new SendOutcome.Failed(scrub(f.code(), secrets), scrub(f.reason(), secrets), f.retryable(),
                f.retryAfter());
    }

    static String scrub(String text, List<@Nullable String> secrets) {
        String out = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= MIN_SECRET_LENGTH && out.contains(secret)) {
                out = out.replace(secret, "***");
            }
        }
        return out;
    }

    static SendOutcome.Failed connection(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return new SendOutcome.Failed(CONNECTION, "the provider could not be reached (" + what + ")", true, null);
    }
}
