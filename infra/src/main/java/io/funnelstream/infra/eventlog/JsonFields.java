package io.funnelstream.infra.eventlog;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/** Reading and writing the string fields of log record payloads: required, optional, ids. */
final class JsonFields {

    private JsonFields() {}

    static @Nullable UUID uuid(@Nullable String value) {
        return value == null ? null : UUID.fromString(value);
    }

    static void putIfPresent(JsonGenerator g, String field, @Nullable Object value) {
        if (value != null) {
            g.writeStringProperty(field, value.toString());
        }
    }

    static String required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isString()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return v.stringValue();
    }

    static @Nullable String optional(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.stringValue();
    }
}
