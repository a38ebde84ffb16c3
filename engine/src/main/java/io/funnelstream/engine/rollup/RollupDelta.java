package io.funnelstream.engine.rollup;

import io.funnelstream.engine.model.TenantId;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Increments to apply to rollups: per rollup key, per counter, a signed amount. Sparse (no empty rollups,
 * no zero counters) and merged by addition, so merging is associative and commutative and a delta that
 * cancels out is {@link #empty()}. A full state (what a rebuild writes) is a delta from nothing.
 *
 * @param rollups the non-empty counts of each rollup touched (an unmodifiable copy)
 */
public record RollupDelta(Map<RollupKey, Counts> rollups) {

    private static final RollupDelta EMPTY = new RollupDelta(Map.of());

    public RollupDelta {
        Objects.requireNonNull(rollups, "rollups");
        boolean hasEmpty = false;
        for (Map.Entry<RollupKey, Counts> e : rollups.entrySet()) {
            Objects.requireNonNull(e.getKey(), "key");
            hasEmpty |= Objects.requireNonNull(e.getValue(), "counts").isEmpty();
        }
        if (hasEmpty) {
            Map<RollupKey, Counts> copy = new HashMap<>(rollups);
            copy.values().removeIf(Counts::isEmpty);
            rollups = Map.copyOf(copy);
        } else {
            rollups = Map.copyOf(rollups);
        }
    }

    public static RollupDelta empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return rollups.isEmpty();
    }

    /** The increments of one rollup, empty if the delta does not touch it. */
    public Counts counts(RollupKey key) {
        Counts counts = rollups.get(key);
        return counts == null ? Counts.empty() : counts;
    }

    /** The number of (rollup, counter) increments. */
    public int increments() {
        int n = 0;
        for (Counts counts : rollups.values()) {
            n += counts.values().size();
        }
        return n;
    }

    /** The sum of both deltas. */
    public RollupDelta plus(RollupDelta other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        return builder().addAll(this).addAll(other).build();
    }

    /** The tenants whose rollups the delta touches. */
    public Set<TenantId> tenants() {
        Set<TenantId> out = new LinkedHashSet<>();
        rollups.keySet().forEach(key -> out.add(key.tenant()));
        return out;
    }

    /** The delta split by tenant: each store application concerns one tenant. */
    public Map<TenantId, RollupDelta> byTenant() {
        Map<TenantId, Map<RollupKey, Counts>> split = new HashMap<>();
        rollups.forEach((key, counts) -> split.computeIfAbsent(key.tenant(), t -> new HashMap<>()).put(key, counts));
        Map<TenantId, RollupDelta> out = new HashMap<>();
        split.forEach((tenant, part) -> out.put(tenant, new RollupDelta(part)));
        return Map.copyOf(out);
    }

    /** Adds up increments; not thread-safe. Zeros are dropped on {@link #build()}. */
    public static final class Builder {

        private final Map<RollupKey, Map<String, long[]>> sums = new HashMap<>();

        private Builder() {}

        public Builder add(RollupKey key, String counter, long amount) {
            if (amount != 0) {
                cell(cells(key), counter)[0] += amount;
            }
            return this;
        }

        public Builder addAll(RollupDelta delta) {
            delta.rollups.forEach((key, counts) -> {
                Map<String, long[]> cells = cells(key);
                counts.values().forEach((counter, amount) -> cell(cells, counter)[0] += amount);
            });
            return this;
        }

        private Map<String, long[]> cells(RollupKey key) {
            return sums.computeIfAbsent(key, k -> new HashMap<>());
        }

        private static long[] cell(Map<String, long[]> cells, String counter) {
            return cells.computeIfAbsent(counter, c -> new long[1]);
        }

        public RollupDelta build() {
            Map<RollupKey, Counts> out = new HashMap<>(sums.size() * 2);
            sums.forEach((key, cells) -> {
                Map<String, Long> values = new HashMap<>(cells.size() * 2);
                cells.forEach((counter, cell) -> {
                    if (cell[0] != 0) {
                        values.put(counter, cell[0]);
                    }
                });
                if (!values.isEmpty()) {
                    out.put(key, new Counts(values));
                }
            });
            return out.isEmpty() ? EMPTY : new RollupDelta(out);
        }
    }
}
