package io.funnelstream.engine.pipeline;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupMark;
import io.funnelstream.engine.port.RollupRebuildInProgressException;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupSnapshot;
import io.funnelstream.engine.rollup.WindowId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import reactor.core.publisher.Mono;

/**
 * A rollup store that keeps the sum of what it applied per tenant, counts each window id once, can be switched to
 * failing (unreachable) and refuses a tenant's windows during a rebuild.
 */
final class FakeRollupStore implements RollupStore {

    private final Map<TenantId, RollupDelta> sums = new HashMap<>();
    private final Set<String> applied = new HashSet<>();
    private final Set<TenantId> rebuilding = new HashSet<>();
    private final Map<TenantId, Map<String, Long>> covered = new HashMap<>();
    private boolean failing;
    private int calls;

    synchronized void failing(boolean fail) {
        this.failing = fail;
    }

    synchronized int calls() {
        return calls;
    }

    synchronized RollupDelta sum(TenantId tenant) {
        return sums.getOrDefault(tenant, RollupDelta.empty());
    }

    @Override
    public Mono<Boolean> apply(TenantId tenant, WindowId window, RollupDelta delta) {
        return Mono.fromCallable(() -> {
            synchronized (this) {
                calls++;
                if (failing) {
                    throw new IllegalStateException("store unreachable");
                }
                if (rebuilding.contains(tenant)) {
                    throw new RollupRebuildInProgressException(tenant);
                }
                Long upTo = covered.getOrDefault(tenant, Map.of()).get(window.partition());
                if ((upTo != null && window.lastOffset() <= upTo) || !applied.add(tenant + window.value())) {
                    return false;
                }
                sums.merge(tenant, delta, RollupDelta::plus);
                return true;
            }
        });
    }

    @Override
    public Mono<RollupSnapshot> read(RollupQuery query) {
        return Mono.just(new RollupSnapshot(query, new TreeMap<>()));
    }

    @Override
    public synchronized Mono<Void> beginRebuild(TenantId tenant) {
        return Mono.fromRunnable(() -> {
            synchronized (this) {
                rebuilding.add(tenant);
            }
        });
    }

    @Override
    public Mono<Void> replaceAll(TenantId tenant, RollupDelta fullState, Map<String, Long> coveredUpTo) {
        return Mono.fromRunnable(() -> {
            synchronized (this) {
                sums.put(tenant, fullState);
                applied.removeIf(id -> id.startsWith(tenant.toString()));
                covered.put(tenant, Map.copyOf(coveredUpTo));
                rebuilding.remove(tenant);
            }
        });
    }

    @Override
    public Mono<RollupMark> mark(TenantId tenant) {
        return Mono.fromCallable(() -> {
            synchronized (this) {
                return sums.containsKey(tenant) || rebuilding.contains(tenant)
                        ? new RollupMark(Map.of("events-0", 0L), null, rebuilding.contains(tenant))
                        : RollupMark.empty();
            }
        });
    }
}
