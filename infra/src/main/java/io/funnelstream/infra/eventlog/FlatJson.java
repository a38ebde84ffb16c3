package io.funnelstream.infra.eventlog;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON object of string, boolean and null fields (and objects of them), read straight from the parser's tokens:
 * what the log's payloads are. The pipeline reads one per record, and building Jackson's tree for it (a context, a
 * node per value) cost more than the rest of the record's decoding. Numbers and arrays are skipped and read as
 * neither string nor boolean; a later duplicate of a field wins, as in the tree.
 */
final class FlatJson {

    private static final Object NULL = new Object();
    private static final Object OTHER = new Object();

    private final Map<String, Object> fields = new HashMap<>(32);

    private FlatJson() {}

    /** @throws IllegalArgumentException if the payload is not one JSON object */
    static FlatJson parse(JsonMapper mapper, byte[] payload) {
        try (JsonParser p = mapper.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            FlatJson object = object(p);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("content after the object");
            }
            return object;
        }
    }

    private static FlatJson object(JsonParser p) {
        FlatJson out = new FlatJson();
        for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
            String name = p.currentName();
            Object value = switch (p.nextToken()) {
                case VALUE_STRING -> p.getString();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> NULL;
                case START_OBJECT -> object(p);
                case START_ARRAY -> {
                    p.skipChildren();
                    yield OTHER;
                }
                default -> OTHER;
            };
            out.fields.put(name, value);
        }
        return out;
    }

    /** @throws IllegalArgumentException if the field is absent or not a string */
    String required(String field) {
        if (fields.get(field) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("missing " + field);
    }

    /** The string, or null if absent or null. @throws IllegalArgumentException if it is something else */
    @Nullable String optional(String field) {
        return present(field, String.class, "a string");
    }

    /** The boolean, {@code "true"} or {@code "false"} as such; false if absent or anything else. */
    boolean flag(String field) {
        Object v = fields.get(field);
        return v instanceof Boolean b ? b : v instanceof String s && s.strip().equalsIgnoreCase("true");
    }

    /** The boolean; null if absent or not a boolean. */
    @Nullable Boolean bool(String field) {
        return fields.get(field) instanceof Boolean b ? b : null;
    }

    /** The object, or null if absent or null. @throws IllegalArgumentException if it is something else */
    @Nullable FlatJson object(String field) {
        return present(field, FlatJson.class, "an object");
    }

    private <T> @Nullable T present(String field, Class<T> type, String what) {
        Object v = fields.get(field);
        if (v == null || v == NULL) {
            return null;
        }
        if (type.isInstance(v)) {
            return type.cast(v);
        }
        throw new IllegalArgumentException(field + " is not " + what);
    }
}
