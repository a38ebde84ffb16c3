package io.funnelstream.engine.normalize;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads from parsed JSON. {@code at} names the place being read (like {@code [3].sg_event_id}) so a
 * {@link Malformed} detail points at the culprit.
 */
final class Fields {

    /** Unix seconds beyond this (year 5138) are not timestamps. */
    private static final long MAX_EPOCH_SECONDS = 100_000_000_000L;

    /** Decimals with more digits after (or zeros before) the point than this are not worth exact arithmetic. */
    private static final int MAX_SCALE = 64;

    private Fields() {}

    static Map<?, ?> object(@Nullable Object value, String at) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new Malformed(at + " is not an object");
    }

    static List<?> list(@Nullable Object value, String at) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new Malformed(at + " is not an array");
    }

    /** A list, or empty when absent or null. */
    static List<?> optList(Map<?, ?> map, String key, String at) {
        Object value = map.get(key);
        return value == null ? List.of() : list(value, at + "." + key);
    }

    /** A required, non-blank string. */
    static String string(Map<?, ?> map, String key, String at) {
        if (map.get(key) instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new Malformed(at + "." + key + " is missing or not a non-blank string");
    }

    /** A string, or a number or boolean as text; null when absent, null or structured. */
    static @Nullable String optString(@Nullable Map<?, ?> map, String key) {
        if (map == null) {
            return null;
        }
        Object value = map.get(key);
        if (value instanceof String s) {
            return s.isEmpty() ? null : s;
        }
        if (value instanceof BigDecimal d) {
            return Math.abs(d.scale()) <= MAX_SCALE ? d.toPlainString() : d.toString();
        }
        return value instanceof Long || value instanceof Boolean ? value.toString() : null;
    }

    /** An object member, or null when absent or not an object. */
    static @Nullable Map<?, ?> optObject(@Nullable Map<?, ?> map, String key) {
        return map != null && map.get(key) instanceof Map<?, ?> child ? child : null;
    }

    /** Unix seconds as an integer, a decimal with fractions, or a string of either. */
    static Instant epochSeconds(@Nullable Object value, String at) {
        BigDecimal seconds;
        try {
            seconds = switch (value) {
                case Long l -> BigDecimal.valueOf(l);
                case BigDecimal d -> d;
                case String s when !s.isBlank() && s.length() < 40 -> new BigDecimal(s.trim());
                case null, default -> throw new Malformed(at + " is missing or not Unix seconds");
            };
        } catch (NumberFormatException e) {
            throw new Malformed(at + " is not Unix seconds");
        }
        if (seconds.signum() < 0 || Math.abs(seconds.scale()) > MAX_SCALE
                || seconds.compareTo(BigDecimal.valueOf(MAX_EPOCH_SECONDS)) > 0) {
            throw new Malformed(at + " is out of range");
        }
        BigDecimal truncated = seconds.setScale(9, RoundingMode.DOWN);
        long whole = truncated.longValue();
        long nanos = truncated.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValueExact();
        return Instant.ofEpochSecond(whole, nanos);
    }

    /** An ISO-8601 instant such as {@code 2026-01-01T00:00:03.000Z}. */
    static Instant isoInstant(@Nullable Object value, String at) {
        if (value instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (DateTimeException e) {
                throw new Malformed(at + " is not an ISO-8601 instant: " + s);
            }
        }
        throw new Malformed(at + " is missing or not an ISO-8601 instant");
    }

    /** Our message id when a provider echoed one back; anything that is not a UUID is ignored. */
    static @Nullable UUID uuid(@Nullable Object value) {
        if (!(value instanceof String s) || s.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
