package io.funnelstream.engine.analytics;

import io.funnelstream.engine.rollup.Counts;
import java.util.HashMap;
import java.util.Map;

/** Adds up many counts in one pass ({@link Counts#plus} copies its result each time). */
final class Sums {

    private Sums() {}

    static Counts of(Iterable<Counts> parts) {
        Map<String, Long> sum = new HashMap<>();
        for (Counts counts : parts) {
            counts.values().forEach((name, value) -> sum.merge(name, value, Long::sum));
        }
        return Counts.of(sum);
    }
}
