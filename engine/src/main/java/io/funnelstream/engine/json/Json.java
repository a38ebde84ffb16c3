package io.funnelstream.engine.json;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Parses JSON text strictly (RFC 8259, UTF-8 only). Values map to Java as follows: object to
 * {@link java.util.LinkedHashMap} in document order (duplicate names are rejected), array to
 * {@link java.util.List}, string to {@link String}, an integer that fits to {@link Long}, any other number to
 * {@link java.math.BigDecimal} (exactly, never through a double), {@code true}/{@code false} to {@link Boolean}
 * and {@code null} to Java {@code null}.
 *
 * <p>Rejected: invalid or overlong UTF-8, a byte order mark, unescaped control characters, unpaired
 * surrogate escapes, leading zeros, trailing commas, comments, NaN, anything after the document, and documents
 * beyond the {@link JsonLimits}.
 */
public final class Json {

    private Json() {}

    public static @Nullable Object parse(byte[] document) throws JsonParseException {
        return parse(document, JsonLimits.DEFAULT);
    }

    public static @Nullable Object parse(byte[] document, JsonLimits limits) throws JsonParseException {
        return new JsonParser(document, limits).parseDocument();
    }

    public static @Nullable Object parse(String document) throws JsonParseException {
        return parse(document, JsonLimits.DEFAULT);
    }

    /** Parses text already decoded, such as a JSON document carried inside a JSON string. */
    public static @Nullable Object parse(String document, JsonLimits limits) throws JsonParseException {
        return parse(encode(document), limits);
    }

    private static byte[] encode(String document) throws JsonParseException {
        for (int i = 0; i < document.length(); i++) {
            char c = document.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < document.length()
                    && Character.isLowSurrogate(document.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new JsonParseException(i, "text contains an unpaired surrogate (position counts chars)");
            }
        }
        return document.getBytes(StandardCharsets.UTF_8);
    }
}
