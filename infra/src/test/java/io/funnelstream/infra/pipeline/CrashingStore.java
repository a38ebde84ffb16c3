package io.funnelstream.infra.pipeline;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupMark;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupSnapshot;
import io.funnelstream.engine.rollup.WindowId;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * A store that, now and then, stops the pipeline using it in the middle of applying a window: before the store
 * took it (the window is committed in Postgres, not in the store) or right after (in the store, still in the
 * outbox). Disposing the pipeline is what a crash looks like to everything after it.
 */
final class CrashingStore implements RollupStore {

    private final RollupStore delegate;
    private final Random random;
    private final double probability;
    private final AtomicReference<Disposable> pipeline = new AtomicReference<>();
    private final AtomicInteger beforeApply = new AtomicInteger();
    private final AtomicInteger afterApply = new AtomicInteger();

    CrashingStore(RollupStore delegate, long seed, double probability) {
        this.delegate = delegate;
        this.random = new Random(seed);
        this.probability = probability;
    }

    /** The pipeline to stop; null to stop none. */
    void crashes(Disposable running) {
        pipeline.set(running);
    }

    int crashesBeforeApply() {
        return beforeApply.get();
    }

    int crashesAfterApply() {
        return afterApply.get();
    }

    @Override
    public Mono<Boolean> apply(TenantId tenant, WindowId window, RollupDelta delta) {
        Disposable running = pipeline.get();
        double roll;
        synchronized (random) {
            roll = random.nextDouble();
        }
        if (running == null || roll >= probability) {
            return delegate.apply(tenant, window, delta);
        }
        if (roll < probability / 2) {
            beforeApply.incrementAndGet();
            return Mono.fromRunnable(() -> crash(running)).then(Mono.never());
        }
        afterApply.incrementAndGet();
        return delegate.apply(tenant, window, delta).doOnSuccess(done -> crash(running)).then(Mono.never());
    }

    private void crash(Disposable running) {
        pipeline.compareAndSet(running, null);
        running.dispose();
    }

    @Override
    public Mono<RollupSnapshot> read(RollupQuery query) {
        return delegate.read(query);
    }

    @Override
    public Mono<Void> beginRebuild(TenantId tenant) {
        return delegate.beginRebuild(tenant);
    }

    @Override
    public Mono<Void> replaceAll(TenantId tenant, RollupDelta fullState, Map<String, Long> coveredUpTo) {
        return delegate.replaceAll(tenant, fullState, coveredUpTo);
    }

    @Override
    public Mono<RollupMark> mark(TenantId tenant) {
        return delegate.mark(tenant);
    }
}
