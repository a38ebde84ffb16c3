package io.funnelstream.engine.analytics;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupMark;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.rollup.Counts;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupKey;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupSnapshot;
import io.funnelstream.engine.rollup.WindowId;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/** Rollups in a map, counting its reads, and failing every read once told to. */
final class FakeRollupStore implements RollupStore {

    private final Map<RollupKey, Counts> rollups = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile boolean down;

    void add(RollupDelta delta) {
        delta.rollups().forEach((key, counts) -> rollups.merge(key, counts, Counts::plus));
    }

    void goDown() {
        down = true;
    }

    int reads() {
        return reads.get();
    }

    @Override
    public Mono<Boolean> apply(TenantId tenant, WindowId window, RollupDelta delta) {
        add(delta);
        return Mono.just(true);
    }

    @Override
    public Mono<RollupSnapshot> read(RollupQuery query) {
        reads.incrementAndGet();
        if (down) {
            return Mono.error(new IllegalStateException("store down"));
        }
        TreeMap<Instant, Counts> buckets = new TreeMap<>();
        for (RollupKey key : query.keys()) {
            Counts counts = rollups.get(key);
            if (counts != null) {
                buckets.put(key.bucketStart(), counts);
            }
        }
        return Mono.just(new RollupSnapshot(query, buckets));
    }

    @Override
    public Mono<Void> replaceAll(TenantId tenant, RollupDelta fullState, Map<String, Long> coveredUpTo) {
        return Mono.error(new UnsupportedOperationException());
    }

    @Override
    public Mono<RollupMark> mark(TenantId tenant) {
        return Mono.just(RollupMark.empty());
    }
}
