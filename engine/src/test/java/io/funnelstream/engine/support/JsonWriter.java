package io.funnelstream.engine.support;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Serialises the parser's value model back to JSON text; optionally ASCII-only, as Meta writes bodies. */
public final class JsonWriter {

    private JsonWriter() {}

    public static String write(Object value) {
        return write(value, false);
    }

    public static String write(Object value, boolean asciiOnly) {
        StringBuilder out = new StringBuilder();
        append(out, value, asciiOnly);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value, boolean ascii) {
        switch (value) {
            case null -> out.append("null");
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.append(first ? "" : ",");
                    string(out, (String) e.getKey(), ascii);
                    out.append(':');
                    append(out, e.getValue(), ascii);
                    first = false;
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    append(out, list.get(i), ascii);
                }
                out.append(']');
            }
            case String s -> string(out, s, ascii);
            case Long l -> out.append(l);
            case BigDecimal d -> out.append(d);
            case Boolean b -> out.append(b);
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    private static void string(StringBuilder out, String s, boolean ascii) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || (ascii && c > 0x7E)) {
                        out.append("\\u").append(HexFormat.of().toHexDigits(c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
