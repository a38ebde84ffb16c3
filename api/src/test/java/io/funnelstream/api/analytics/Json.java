package io.funnelstream.api.analytics;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads response bodies as trees, where a null value and a missing one differ. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    static JsonNode read(String body) {
        return MAPPER.readTree(body);
    }
}
