package io.funnelstream.engine.pipeline;

import io.funnelstream.engine.port.LogPosition;
import java.util.HashMap;
import java.util.Map;

/**
 * Names of log partitions in rollup windows and store marks: {@code events-<n>}. Stable: stores key windows and
 * covered offsets by them.
 */
public final class Partitions {

    private static final String PREFIX = "events-";

    private Partitions() {}

    public static String name(int partition) {
        return PREFIX + partition;
    }

    static io.funnelstream.engine.rollup.LogPosition of(LogPosition position) {
        return new io.funnelstream.engine.rollup.LogPosition(name(position.partition()), position.offset());
    }

    /** Next offsets per partition number as the last offsets covered per partition name (none before 0). */
    public static Map<String, Long> coveredUpTo(Map<Integer, Long> nextOffsets) {
        Map<String, Long> out = new HashMap<>();
        nextOffsets.forEach((partition, next) -> {
            if (next > 0) {
                out.put(name(partition), next - 1);
            }
        });
        return Map.copyOf(out);
    }
}
