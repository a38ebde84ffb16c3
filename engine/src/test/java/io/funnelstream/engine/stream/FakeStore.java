package io.funnelstream.engine.stream;

import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.Counter;
import io.funnelstream.engine.rollup.Counts;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupKey;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupSnapshot;
import io.funnelstream.engine.rollup.Scope;
import java.time.Instant;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/** Rollups in a map, read as a store reads them, with a count of reads. */
final class FakeStore {

    final AtomicReference<RollupDelta> state = new AtomicReference<>(RollupDelta.empty());
    final AtomicInteger reads = new AtomicInteger();

    Mono<RollupSnapshot> read(RollupQuery query) {
        return Mono.fromSupplier(() -> {
            reads.incrementAndGet();
            TreeMap<Instant, Counts> buckets = new TreeMap<>();
            state.get().rollups().forEach((key, counts) -> {
                if (query.contains(key)) {
                    buckets.put(key.bucketStart(), counts);
                }
            });
            return new RollupSnapshot(query, buckets);
        });
    }

    /** Adds {@code sent} sent and {@code delivered} delivered messages at {@code at}, in day and hour buckets. */
    void add(TenantId tenant, Scope scope, Instant at, long sent, long delivered) {
        RollupDelta.Builder delta = RollupDelta.builder().addAll(state.get());
        for (BucketSize size : new BucketSize[] {BucketSize.DAY, BucketSize.HOUR}) {
            RollupKey key = RollupKey.containing(tenant, scope, size, at);
            delta.add(key, Counter.reached(Stage.SENT), sent).add(key, Counter.reached(Stage.DELIVERED), delivered);
        }
        state.set(delta.build());
    }
}
