package io.funnelstream.infra.embedded;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupMark;
import io.funnelstream.engine.port.RollupRebuildInProgressException;
import io.funnelstream.engine.rollup.Counts;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupKey;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupRetention;
import io.funnelstream.engine.rollup.RollupSnapshot;
import io.funnelstream.engine.rollup.WindowId;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One tenant's rollups in memory, with the window ids applied lately. Every method holds the object's lock,
 * so a window is applied all at once and reads see whole windows.
 */
final class TenantRollups {

    private final RollupRetention retention;
    private final int maxKeys;
    private final int rememberedWindows;
    /** Immutable counts, replaced on every change: a read hands them out as they are, without copying. */
    private final Map<RollupKey, Counts> counters = new HashMap<>();
    /** The keys, first to expire first: what is dropped when there are too many. */
    private final TreeSet<RollupKey> byExpiry;
    private final LinkedHashMap<String, Boolean> appliedWindows = new LinkedHashMap<>();
    private final Map<String, Long> appliedUpTo = new HashMap<>();
    private final Map<String, Long> coveredUpTo = new HashMap<>();
    private @Nullable Instant rebuiltAt;
    private boolean rebuilding;

    TenantRollups(RollupRetention retention, int maxKeys, int rememberedWindows) {
        this.retention = retention;
        this.maxKeys = maxKeys;
        this.rememberedWindows = rememberedWindows;
        this.byExpiry = new TreeSet<>(Comparator.comparing(retention::expiresAt)
                .thenComparing(k -> k.scope().code())
                .thenComparing(RollupKey::size)
                .thenComparing(RollupKey::bucketStart));
    }

    synchronized boolean apply(TenantId tenant, WindowId window, RollupDelta delta, Instant now) {
        if (rebuilding) {
            throw new RollupRebuildInProgressException(tenant);
        }
        Long covered = coveredUpTo.get(window.partition());
        if ((covered != null && window.lastOffset() <= covered) || appliedWindows.containsKey(window.value())) {
            return false;
        }
        dropExpired(now);
        delta.rollups().forEach((key, counts) -> add(key, counts, now));
        dropOverflow();
        appliedWindows.put(window.value(), Boolean.TRUE);
        if (appliedWindows.size() > rememberedWindows) {
            appliedWindows.pollFirstEntry();
        }
        appliedUpTo.merge(window.partition(), window.lastOffset(), Math::max);
        return true;
    }

    synchronized RollupSnapshot read(RollupQuery query, Instant now) {
        TreeMap<Instant, Counts> buckets = new TreeMap<>();
        for (RollupKey key : query.keys()) {
            Counts counts = counters.get(key);
            if (counts != null && !retention.isExpired(key, now)) {
                buckets.put(key.bucketStart(), counts);
            }
        }
        return new RollupSnapshot(query, buckets);
    }

    synchronized void beginRebuild() {
        rebuilding = true;
    }

    synchronized void replaceAll(RollupDelta fullState, Map<String, Long> covered, Instant now) {
        counters.clear();
        byExpiry.clear();
        appliedWindows.clear();
        fullState.rollups().forEach((key, counts) -> add(key, counts, now));
        dropOverflow();
        coveredUpTo.clear();
        coveredUpTo.putAll(covered);
        appliedUpTo.clear();
        appliedUpTo.putAll(covered);
        rebuiltAt = now;
        rebuilding = false;
    }

    synchronized RollupMark mark() {
        return new RollupMark(appliedUpTo, rebuiltAt, rebuilding);
    }

    synchronized int size() {
        return counters.size();
    }

    private void add(RollupKey key, Counts counts, Instant now) {
        if (retention.isExpired(key, now)) {
            return;
        }
        Counts sum = counters.getOrDefault(key, Counts.empty()).plus(counts);
        if (sum.isEmpty()) {
            counters.remove(key);
            byExpiry.remove(key);
        } else {
            counters.put(key, sum);
            byExpiry.add(key);
        }
    }

    private void dropExpired(Instant now) {
        while (!byExpiry.isEmpty() && retention.isExpired(byExpiry.first(), now)) {
            counters.remove(byExpiry.pollFirst());
        }
    }

    private void dropOverflow() {
        while (counters.size() > maxKeys) {
            counters.remove(byExpiry.pollFirst());
        }
    }
}
