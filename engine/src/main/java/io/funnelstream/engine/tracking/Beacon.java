package io.funnelstream.engine.tracking;

import io.funnelstream.engine.json.Json;
import io.funnelstream.engine.json.JsonLimits;
import io.funnelstream.engine.json.JsonParseException;
import io.funnelstream.engine.model.SurveyEventType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One funnel event as a survey page sends it (a {@code navigator.sendBeacon} or {@code fetch} body, JSON whatever
 * the content type says):
 * <pre>{"token": "ft1...", "type": "progress", "id": "k3j4h5g6", "at": 1764115200000, "question": 3,
 *  "optOut": false, "client": {"lang": "en-GB", "screen": "1920x1080", "tz": "Europe/London"}}</pre>
 *
 * @param token the tracking token from the survey link
 * @param type {@code viewed}, {@code started}, {@code progress}, {@code completed} or {@code abandoned}
 * @param id the page's id of this event ({@code [A-Za-z0-9_-]{8,64}}): a retry sends the same id and counts once
 * @param at when the page says it happened (epoch milliseconds), if it says
 * @param question the question index, required for progress
 * @param optOut the page's visitor opted out (Do-Not-Track, Global Privacy Control, the page's own flag)
 * @param client device data: string values of the names in {@link #CLIENT_FIELDS}, others ignored
 */
public record Beacon(String token, SurveyEventType type, String id, @Nullable Instant at, @Nullable Integer question,
        boolean optOut, Map<String, String> client) {

    /** The device data a page may send. */
    public static final Set<String> CLIENT_FIELDS = Set.of("lang", "screen", "viewport", "tz", "platform");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final JsonLimits LIMITS = new JsonLimits(16 * 1024, 4);
    private static final int MAX_CLIENT_VALUE = 100;
    private static final int MAX_QUESTION = 10_000;

    public Beacon {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        client = Map.copyOf(client);
    }

    /** What parsing a body came to. */
    public sealed interface Parsed {}

    /** A well-formed beacon. */
    public record Valid(Beacon beacon) implements Parsed {}

    /** Not a beacon: the detail says why, for the 400 answer. */
    public record Malformed(String detail) implements Parsed {}

    /** Parses a body strictly; never throws for bad input. */
    public static Parsed parse(byte[] body) {
        Object document;
        try {
            document = Json.parse(body, LIMITS);
        } catch (JsonParseException e) {
            return new Malformed("The body is not valid JSON: " + e.getMessage());
        }
        if (!(document instanceof Map<?, ?> object)) {
            return new Malformed("The body must be a JSON object.");
        }
        try {
            return new Valid(of(object));
        } catch (IllegalArgumentException e) {
            return new Malformed(e.getMessage());
        }
    }

    private static Beacon of(Map<?, ?> o) {
        String token = string(o, "token", true);
        String typeName = string(o, "type", true);
        SurveyEventType type = SurveyEventType.fromSlug(typeName).orElseThrow(() -> new IllegalArgumentException(
                "'type' must be viewed, started, progress, completed or abandoned."));
        String id = string(o, "id", true);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("'id' must be 8 to 64 letters, digits, '-' or '_'.");
        }
        Long at = number(o, "at");
        if (at != null && (at < 0 || at > 32_503_680_000_000L)) {
            throw new IllegalArgumentException("'at' must be epoch milliseconds.");
        }
        Long question = number(o, "question");
        if (question != null && (question < 0 || question > MAX_QUESTION)) {
            throw new IllegalArgumentException("'question' must be an index from 0 to " + MAX_QUESTION + ".");
        }
        if (type == SurveyEventType.PROGRESS && question == null) {
            throw new IllegalArgumentException("A progress event needs 'question'.");
        }
        Object optOut = o.get("optOut");
        if (optOut != null && !(optOut instanceof Boolean)) {
            throw new IllegalArgumentException("'optOut' must be true or false.");
        }
        return new Beacon(token, type, id, at == null ? null : Instant.ofEpochMilli(at),
                question == null ? null : question.intValue(), Boolean.TRUE.equals(optOut), client(o.get("client")));
    }

    private static Map<String, String> client(@Nullable Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException("'client' must be an object.");
        }
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((name, v) -> {
            if (CLIENT_FIELDS.contains(name) && v instanceof String s && !s.isBlank()) {
                out.put((String) name, s.length() > MAX_CLIENT_VALUE ? s.substring(0, MAX_CLIENT_VALUE) : s);
            }
        });
        return out;
    }

    private static @Nullable String string(Map<?, ?> o, String name, boolean required) {
        Object v = o.get(name);
        if (v == null) {
            if (required) {
                throw new IllegalArgumentException("'" + name + "' is required.");
            }
            return null;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("'" + name + "' must be a non-empty string.");
        }
        return s;
    }

    private static @Nullable Long number(Map<?, ?> o, String name) {
        Object v = o.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Long l)) {
            throw new IllegalArgumentException("'" + name + "' must be an integer.");
        }
        return l;
    }
}
