package io.funnelstream.engine.form;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decoded {@code application/x-www-form-urlencoded} fields in the order sent, repeated names kept.
 *
 * <p>Decoding follows the WHATWG URL standard's parser ({@code &} separates, the first {@code =} splits name
 * from value, {@code +} is a space, empty segments are skipped) but is strict where it is lenient: a {@code %}
 * not followed by two hex digits, or decoded bytes that are not valid UTF-8, fail the parse.
 */
public final class FormData {

    private static final FormData EMPTY = new FormData(List.of());

    private final List<Field> fields;

    private FormData(List<Field> fields) {
        this.fields = fields;
    }

    /** One name and value, both decoded. */
    public record Field(String name, String value) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public static FormData empty() {
        return EMPTY;
    }

    public static FormData parse(String encoded) throws FormParseException {
        return parse(encoded.getBytes(StandardCharsets.UTF_8));
    }

    public static FormData parse(byte[] encoded) throws FormParseException {
        List<Field> fields = new ArrayList<>();
        CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] scratch = new byte[encoded.length];
        int start = 0;
        while (start <= encoded.length) {
            int end = indexOf(encoded, (byte) '&', start, encoded.length);
            if (end > start) {
                int eq = indexOf(encoded, (byte) '=', start, end);
                String name = decode(encoded, start, eq, scratch, utf8);
                String value = eq < end ? decode(encoded, eq + 1, end, scratch, utf8) : "";
                fields.add(new Field(name, value));
            }
            start = end + 1;
        }
        return fields.isEmpty() ? EMPTY : new FormData(List.copyOf(fields));
    }

    private static int indexOf(byte[] in, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (in[i] == b) {
                return i;
            }
        }
        return to;
    }

    private static String decode(byte[] in, int from, int to, byte[] scratch, CharsetDecoder utf8)
            throws FormParseException {
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = in[i];
            if (b == '+') {
                scratch[n++] = ' ';
            } else if (b == '%') {
                int hi = i + 1 < to ? Character.digit(in[i + 1], 16) : -1;
                int lo = i + 2 < to ? Character.digit(in[i + 2], 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new FormParseException(i, "'%' not followed by two hex digits");
                }
                scratch[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else {
                scratch[n++] = b;
            }
        }
        try {
            return utf8.reset().decode(ByteBuffer.wrap(scratch, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new FormParseException(from, "value is not valid UTF-8");
        }
    }

    /** Every field, in the order sent. */
    public List<Field> fields() {
        return fields;
    }

    /** The first value of a name, if sent. */
    public Optional<String> first(String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return Optional.of(f.value());
            }
        }
        return Optional.empty();
    }

    /** Every value of a name, in the order sent. */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.name().equals(name)) {
                out.add(f.value());
            }
        }
        return List.copyOf(out);
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof FormData other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "FormData" + fields;
    }
}
