package io.funnelstream.infra.provider.send;

import io.funnelstream.engine.send.SendOutcome;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A provider's HTTP answer, read whole, with what every client needs from it: its JSON, its
 * {@code Retry-After}, and the failure its status stands for.
 */
record HttpAnswer(int status, HttpHeaders headers, String body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_BODY_IN_REASON = 300;

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** 408, 425, 429 and 5xx may succeed later. */
    boolean isRetryable() {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }

    /** The body as JSON, when it is an object or an array. */
    Optional<JsonNode> json() {
        if (body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && (node.isObject() || node.isArray()) ? Optional.of(node) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** The {@code Retry-After} header, in delta-seconds or as an HTTP date. */
    @Nullable Duration retryAfter() {
        return parseRetryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER));
    }

    /** A {@code Retry-After} value, in delta-seconds or as an HTTP date; null when there is none or it is bad. */
    static @Nullable Duration parseRetryAfter(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v,
                        DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** The failure this (non-2xx) answer stands for, with the provider's own code and reason when it gave them. */
    SendOutcome.Failed failed(@Nullable String code, @Nullable String reason) {
        String c = code == null || code.isBlank() ? Integer.toString(status) : code;
        String r = reason == null || reason.isBlank() ? "HTTP " + status + bodySnippet() : reason;
        return new SendOutcome.Failed(c, r, isRetryable(), isRetryable() ? retryAfter() : null);
    }

    private String bodySnippet() {
        String b = body.strip();
        if (b.isEmpty()) {
            return "";
        }
        return ": " + (b.length() > MAX_BODY_IN_REASON ? b.substring(0, MAX_BODY_IN_REASON) + "..." : b);
    }

    /** A field's text, or null when it is missing, null or not a value. */
    static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asString();
    }
}
