package io.funnelstream.infra.postgres;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupKey;
import io.funnelstream.engine.rollup.Scope;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One tenant's rollup delta as the outbox keeps it: {@code {"r":[{"s":"ch=email","z":"h","t":1793610000,
 * "c":{"stage.sent":3}}]}}, where {@code s} is the scope code, {@code z} the bucket size code, {@code t} the
 * bucket start in unix seconds and {@code c} the increments. The tenant is the row's.
 */
final class RollupDeltaJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private RollupDeltaJson() {}

    static String write(RollupDelta delta) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode rollups = root.putArray("r");
        delta.rollups().forEach((key, counts) -> {
            ObjectNode r = rollups.addObject();
            r.put("s", key.scope().code());
            r.put("z", key.size().code());
            r.put("t", key.bucketStart().getEpochSecond());
            ObjectNode c = r.putObject("c");
            counts.values().forEach(c::put);
        });
        return MAPPER.writeValueAsString(root);
    }

    static RollupDelta read(TenantId tenant, String json) {
        JsonNode root = MAPPER.readTree(json);
        RollupDelta.Builder delta = RollupDelta.builder();
        for (JsonNode r : root.path("r")) {
            Scope scope = Scope.fromCode(r.path("s").asString())
                    .orElseThrow(() -> new IllegalArgumentException("unknown scope " + r.path("s")));
            BucketSize size = BucketSize.fromCode(r.path("z").asString())
                    .orElseThrow(() -> new IllegalArgumentException("unknown bucket size " + r.path("z")));
            RollupKey key = new RollupKey(tenant, scope, size, Instant.ofEpochSecond(r.path("t").asLong()));
            for (Map.Entry<String, JsonNode> counter : r.path("c").properties()) {
                delta.add(key, counter.getKey(), counter.getValue().asLong());
            }
        }
        return delta.build();
    }
}
