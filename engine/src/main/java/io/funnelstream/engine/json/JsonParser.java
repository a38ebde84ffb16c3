package io.funnelstream.engine.json;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One strict pass over a UTF-8 document; not thread-safe, used once. */
final class JsonParser {

    /** Longer number literals are refused: parsing huge digit strings into BigDecimal is superlinear. */
    private static final int MAX_NUMBER_LENGTH = 256;

    private final byte[] in;
    private final int maxDepth;
    private final int maxBytes;
    private final StringBuilder text = new StringBuilder();
    private int pos;
    private int depth;

    JsonParser(byte[] in, JsonLimits limits) {
        this.in = in;
        this.maxDepth = limits.maxDepth();
        this.maxBytes = limits.maxBytes();
    }

    @Nullable Object parseDocument() throws JsonParseException {
        if (in.length > maxBytes) {
            throw new JsonParseException(maxBytes, "document exceeds " + maxBytes + " bytes");
        }
        if (in.length >= 3 && (in[0] & 0xFF) == 0xEF && (in[1] & 0xFF) == 0xBB && (in[2] & 0xFF) == 0xBF) {
            throw new JsonParseException(0, "byte order mark is not allowed");
        }
        skipWhitespace();
        Object value = value();
        skipWhitespace();
        if (pos != in.length) {
            throw unexpected("end of document");
        }
        return value;
    }

    private @Nullable Object value() throws JsonParseException {
        if (pos >= in.length) {
            throw new JsonParseException(pos, "unexpected end of document, expected a value");
        }
        return switch (in[pos]) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> number();
            default -> throw unexpected("a value");
        };
    }

    private Map<String, @Nullable Object> object() throws JsonParseException {
        enter();
        pos++;
        Map<String, @Nullable Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return members;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw unexpected("a member name");
            }
            int namePos = pos;
            String name = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (members.containsKey(name)) {
                throw new JsonParseException(namePos, "duplicate member name \"" + name + "\"");
            }
            members.put(name, value());
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else {
                expect('}');
                depth--;
                return members;
            }
        }
    }

    private List<@Nullable Object> array() throws JsonParseException {
        enter();
        pos++;
        List<@Nullable Object> items = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return items;
        }
        while (true) {
            skipWhitespace();
            items.add(value());
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else {
                expect(']');
                depth--;
                return items;
            }
        }
    }

    private void enter() throws JsonParseException {
        if (++depth > maxDepth) {
            throw new JsonParseException(pos, "nesting deeper than " + maxDepth);
        }
    }

    private String string() throws JsonParseException {
        int start = ++pos;
        while (pos < in.length) {
            byte b = in[pos];
            if (b == '"') {
                return new String(in, start, pos++ - start, StandardCharsets.ISO_8859_1);
            }
            if (b == '\\' || b < 0x20) {
                break;
            }
            pos++;
        }
        text.setLength(0);
        text.append(new String(in, start, pos - start, StandardCharsets.ISO_8859_1));
        return slowString();
    }

    private String slowString() throws JsonParseException {
        while (pos < in.length) {
            int b = in[pos] & 0xFF;
            if (b == '"') {
                pos++;
                return text.toString();
            } else if (b == '\\') {
                escape();
            } else if (b < 0x20) {
                throw new JsonParseException(pos, "control character 0x" + hex(b) + " must be escaped");
            } else if (b < 0x80) {
                text.append((char) b);
                pos++;
            } else {
                Utf8.decode(in, pos, text);
                pos += Utf8.length(b);
            }
        }
        throw new JsonParseException(pos, "unterminated string");
    }

    private void escape() throws JsonParseException {
        int at = pos++;
        if (pos >= in.length) {
            throw new JsonParseException(pos, "unterminated string");
        }
        byte e = in[pos++];
        switch (e) {
            case '"' -> text.append('"');
            case '\\' -> text.append('\\');
            case '/' -> text.append('/');
            case 'b' -> text.append('\b');
            case 'f' -> text.append('\f');
            case 'n' -> text.append('\n');
            case 'r' -> text.append('\r');
            case 't' -> text.append('\t');
            case 'u' -> unicodeEscape(at);
            default -> throw new JsonParseException(at, "invalid escape sequence");
        }
    }

    private void unicodeEscape(int at) throws JsonParseException {
        char c = (char) hex4();
        if (Character.isLowSurrogate(c)) {
            throw new JsonParseException(at, "unpaired surrogate escape");
        }
        if (Character.isHighSurrogate(c)) {
            if (pos + 1 >= in.length || in[pos] != '\\' || in[pos + 1] != 'u') {
                throw new JsonParseException(at, "unpaired surrogate escape");
            }
            pos += 2;
            char low = (char) hex4();
            if (!Character.isLowSurrogate(low)) {
                throw new JsonParseException(at, "unpaired surrogate escape");
            }
            text.append(c).append(low);
            return;
        }
        text.append(c);
    }

    private int hex4() throws JsonParseException {
        if (pos + 4 > in.length) {
            throw new JsonParseException(pos, "truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(in[pos + i], 16);
            if (d < 0 || in[pos + i] < 0) {
                throw new JsonParseException(pos + i, "invalid hex digit in \\u escape");
            }
            v = v << 4 | d;
        }
        pos += 4;
        return v;
    }

    private Object number() throws JsonParseException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw new JsonParseException(pos, "leading zeros are not allowed");
            }
        } else {
            digits();
        }
        boolean integer = true;
        if (peek() == '.') {
            pos++;
            digits();
            integer = false;
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            digits();
            integer = false;
        }
        if (pos - start > MAX_NUMBER_LENGTH) {
            throw new JsonParseException(start, "number longer than " + MAX_NUMBER_LENGTH + " characters");
        }
        return toNumber(new String(in, start, pos - start, StandardCharsets.US_ASCII), integer, start);
    }

    private static Object toNumber(String literal, boolean integer, int at) throws JsonParseException {
        if (integer && literal.length() <= 20) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException tooBig) {
                // falls through to BigDecimal
            }
        }
        try {
            return new BigDecimal(literal);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new JsonParseException(at, "number out of range");
        }
    }

    private void digits() throws JsonParseException {
        if (!isDigit(peek())) {
            throw unexpected("a digit");
        }
        while (isDigit(peek())) {
            pos++;
        }
    }

    private @Nullable Object literal(String word, @Nullable Object value) throws JsonParseException {
        for (int i = 0; i < word.length(); i++) {
            if (pos + i >= in.length || in[pos + i] != word.charAt(i)) {
                throw new JsonParseException(pos, "invalid literal, expected " + word);
            }
        }
        pos += word.length();
        return value;
    }

    private void skipWhitespace() {
        while (pos < in.length) {
            byte b = in[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    private void expect(char c) throws JsonParseException {
        if (peek() != c) {
            throw unexpected("'" + c + "'");
        }
        pos++;
    }

    /** The byte at the current position, or -1 at the end. */
    private int peek() {
        return pos < in.length ? in[pos] & 0xFF : -1;
    }

    private static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    private JsonParseException unexpected(String expected) {
        if (pos >= in.length) {
            return new JsonParseException(pos, "unexpected end of document, expected " + expected);
        }
        int b = in[pos] & 0xFF;
        String found = b > 0x20 && b < 0x7F ? "'" + (char) b + "'" : "byte 0x" + hex(b);
        return new JsonParseException(pos, "unexpected " + found + ", expected " + expected);
    }

    static String hex(int b) {
        return HexFormat.of().withUpperCase().toHexDigits((byte) b);
    }
}
