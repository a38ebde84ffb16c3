package io.funnelstream.engine.rollup;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Counter values by {@link Counter name}, zeros left out: a missing counter reads as 0, so two counts
 * that differ only in explicit zeros are equal.
 *
 * @param values the non-zero counters (an unmodifiable copy)
 */
public record Counts(Map<String, Long> values) {

    private static final Counts EMPTY = new Counts(Map.of());

    public Counts {
        Objects.requireNonNull(values, "values");
        values = withoutZeros(values);
    }

    public static Counts empty() {
        return EMPTY;
    }

    public static Counts of(Map<String, Long> values) {
        return values.isEmpty() ? EMPTY : new Counts(values);
    }

    /** The counter's value, 0 if it was never counted. */
    public long get(String counter) {
        Long value = values.get(counter);
        return value == null ? 0 : value;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Counter-wise sum. */
    public Counts plus(Counts other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Map<String, Long> sum = new HashMap<>(values);
        other.values.forEach((name, value) -> sum.merge(name, value, Long::sum));
        return new Counts(sum);
    }

    private static Map<String, Long> withoutZeros(Map<String, Long> source) {
        boolean hasZero = false;
        for (Map.Entry<String, Long> e : source.entrySet()) {
            Objects.requireNonNull(e.getKey(), "counter");
            if (Objects.requireNonNull(e.getValue(), "value") == 0) {
                hasZero = true;
            }
        }
        if (!hasZero) {
            return Map.copyOf(source);
        }
        Map<String, Long> copy = new HashMap<>(source);
        copy.values().removeIf(v -> v == 0);
        return Map.copyOf(copy);
    }
}
