package io.funnelstream.engine.analytics;

import io.funnelstream.engine.rollup.Counts;
import java.util.HashMap;
import java.util.Map;

/**
 * Adds up many counts in one pass ({@link Counts#plus} copies its result each time). A bucket holds a few hundred
 * counters (the response time sketch is most of them) and a total sums dozens of buckets, so the running sums are
 * unboxed cells rather than {@code Long}s.
 */
final class Sums {

    private Sums() {}

    static Counts of(Iterable<Counts> parts) {
        Map<String, long[]> cells = new HashMap<>(1_024);
        for (Counts counts : parts) {
            for (Map.Entry<String, Long> counter : counts.values().entrySet()) {
                long[] cell = cells.get(counter.getKey());
                if (cell == null) {
                    cells.put(counter.getKey(), new long[] {counter.getValue()});
                } else {
                    cell[0] += counter.getValue();
                }
            }
        }
        Map<String, Long> sum = new HashMap<>(cells.size() * 2);
        cells.forEach((name, cell) -> {
            if (cell[0] != 0) {
                sum.put(name, cell[0]);
            }
        });
        return Counts.of(sum);
    }
}
