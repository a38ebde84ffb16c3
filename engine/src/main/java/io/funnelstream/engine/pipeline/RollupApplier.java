package io.funnelstream.engine.pipeline;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.MessageStore;
import io.funnelstream.engine.port.MessageStore.PendingWindow;
import io.funnelstream.engine.port.RollupAvailability;
import io.funnelstream.engine.port.RollupRebuildInProgressException;
import io.funnelstream.engine.port.RollupStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.util.Logger;
import reactor.util.Loggers;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Moves committed windows from the outbox into the {@link RollupStore}, and knows whether the store is current.
 *
 * <p>Two paths, both idempotent (the store counts a window id once): right after a batch commits, the pipeline
 * hands its windows here ({@link #applyCommitted}); and a sweep ({@link #sweeps}) reads the outbox for windows
 * left behind (store down or slow, a rebuild refusing them, a crash between commit and apply) and applies them in
 * commit order. A window leaves the outbox only once the store has taken (or skipped) it.
 *
 * <p>Fail open: when the store fails, the pipeline stops waiting for it. Windows then only accumulate in the
 * outbox, the sweep retries with a growing backoff, and once a sweep has emptied the outbox the pipeline applies
 * its windows itself again. Meanwhile {@link #isCurrent} is false: analytics answer from Postgres.
 */
public final class RollupApplier implements RollupAvailability {

    private static final Logger log = Loggers.getLogger(RollupApplier.class);

    private final RollupStore store;
    private final MessageStore outbox;
    private final PipelineSettings settings;
    private final PipelineStats stats;
    private final Clock clock;
    private final Scheduler scheduler;
    private final AtomicBoolean storeHealthy = new AtomicBoolean(true);
    private final AtomicBoolean checked = new AtomicBoolean(false);
    private final Set<TenantId> rebuilding = ConcurrentHashMap.newKeySet();
    private final Set<TenantId> refused = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Duration> backoff = new AtomicReference<>();
    private final AtomicLong sweptWindows = new AtomicLong();
    private final Sinks.Many<Boolean> kicks = Sinks.many().multicast().directBestEffort();
    private volatile Supplier<Mono<Void>> beforeRecovery = Mono::empty;

    public RollupApplier(RollupStore store, MessageStore outbox, PipelineSettings settings, PipelineStats stats,
            Clock clock, Scheduler scheduler) {
        this.store = store;
        this.outbox = outbox;
        this.settings = settings;
        this.stats = stats;
        this.clock = clock;
        this.scheduler = scheduler;
        this.backoff.set(settings.minBackoff());
    }

    @Override
    public Mono<Boolean> isCurrent(TenantId tenant) {
        return Mono.fromSupplier(() -> isCurrentNow(tenant));
    }

    /** {@link #isCurrent} without a Mono. */
    public boolean isCurrentNow(TenantId tenant) {
        return checked.get() && storeHealthy.get() && !rebuilding.contains(tenant) && !refused.contains(tenant);
    }

    /** False from the store's first failure until a sweep has emptied the outbox again. */
    public boolean storeHealthy() {
        return storeHealthy.get();
    }

    /** True once the store was checked against Postgres after the start (see {@link RollupRebuilder}). */
    public boolean checked() {
        return checked.get();
    }

    /**
     * Tenants whose rollups are being rebuilt, as far as this process knows: rebuilt here, or refusing windows
     * because a rebuild elsewhere has begun.
     */
    public Set<TenantId> rebuilding() {
        Set<TenantId> all = new java.util.HashSet<>(rebuilding);
        all.addAll(refused);
        return Set.copyOf(all);
    }

    /** Tenants whose windows the store refused last time, because a rebuild of them had begun. */
    Set<TenantId> refusedTenants() {
        return Set.copyOf(refused);
    }

    /** Windows applied by sweeps (left behind by the pipeline, or by an earlier run). */
    public long sweptWindows() {
        return sweptWindows.get();
    }

    /**
     * What to do when the store answers again after failing, before any window is applied to it: check it against
     * Postgres (a Redis that restarted empty is rebuilt before it takes new windows, which would hide the loss).
     */
    void beforeRecovery(Supplier<Mono<Void>> check) {
        this.beforeRecovery = check;
    }

    void markChecked() {
        checked.set(true);
    }

    void rebuildStarted(TenantId tenant) {
        rebuilding.add(tenant);
    }

    void rebuildFinished(TenantId tenant) {
        rebuilding.remove(tenant);
        kick();
    }

    /** Asks for a sweep now rather than at the next interval. */
    void kick() {
        kicks.tryEmitNext(Boolean.TRUE);
    }

    /**
     * Applies a committed batch's windows, unless the store is known to be failing or was not checked against
     * Postgres since the start (then they wait for the sweep: a window applied to a store that lost its data would
     * hide the loss from the check). Never errors and never takes longer than {@code applyTimeout}: the pipeline
     * acknowledges after it.
     */
    Mono<Void> applyCommitted(List<PendingWindow> windows) {
        if (windows.isEmpty()) {
            return Mono.empty();
        }
        if (!storeHealthy.get() || !checked.get()) {
            stats.windowsDeferred(windows.size());
            return Mono.empty();
        }
        return applyAll(windows)
                .timeout(settings.applyTimeout(), scheduler)
                .onErrorResume(e -> {
                    storeFailed(e);
                    stats.windowsDeferred(windows.size());
                    return Mono.empty();
                })
                .then();
    }

    /**
     * Applies windows and removes the ones done from the outbox. Emits what happened; errors only when the
     * outbox cannot be written (the windows then stay and are applied again, harmlessly).
     */
    private Mono<Applied> applyAll(List<PendingWindow> windows) {
        return Flux.fromIterable(windows)
                .flatMap(this::applyOne, settings.applyConcurrency())
                .collectList()
                .flatMap(results -> {
                    Applied applied = Applied.of(results);
                    stats.windowsApplied(applied.applied(), applied.skipped(), clock.instant());
                    stats.windowsDeferred(applied.refused());
                    Mono<Void> remove = applied.done().isEmpty() ? Mono.empty() : outbox.windowsApplied(applied.done());
                    return remove.then(applied.failure() == null ? Mono.just(applied) : Mono.error(applied.failure()));
                });
    }

    private Mono<Result> applyOne(PendingWindow w) {
        return store.apply(w.tenant(), w.window(), w.delta())
                .map(done -> {
                    if (!refused.isEmpty() && refused.remove(w.tenant())) {
                        log.info("rollups of tenant {} take windows again", w.tenant());
                    }
                    return new Result(w, done ? Outcome.APPLIED : Outcome.SKIPPED, null);
                })
                .onErrorResume(RollupRebuildInProgressException.class, e -> {
                    refused.add(w.tenant());
                    return Mono.just(new Result(w, Outcome.REFUSED, null));
                })
                .onErrorResume(e -> Mono.just(new Result(w, Outcome.FAILED, e)));
    }

    /**
     * The sweep loop, for ever: sweeps, then waits the sweep interval (or a kick), or after a store failure a
     * backoff that doubles up to {@code maxBackoff}. Emits the windows each sweep applied.
     */
    public Flux<Long> sweeps() {
        return Mono.defer(this::sweepOnce)
                .flatMap(n -> pause().thenReturn(n))
                .repeat()
                .name("rollup-outbox-sweep");
    }

    /** The sweep interval; after a failed sweep the backoff, which doubles for the next one up to its maximum. */
    private Mono<Void> pause() {
        Duration wait = settings.sweepInterval();
        if (!storeHealthy.get()) {
            wait = backoff.get();
            Duration next = wait.multipliedBy(2);
            backoff.set(next.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : next);
        }
        return Mono.firstWithSignal(Mono.delay(wait, scheduler).then(), kicks.asFlux().next().then());
    }

    /**
     * One sweep: pages through the outbox in commit order, applying each page. When the store is healthy, windows
     * younger than {@code sweepMinAge} are left to the pipeline; when it is not, every window is taken, and a
     * sweep that gets through the whole outbox without a store failure marks the store healthy again.
     * Does nothing before the start-up check (see {@link #drain}). Emits how many windows it applied; never errors.
     */
    public Mono<Long> sweepOnce() {
        if (!checked.get()) {
            return Mono.just(0L);
        }
        boolean recovering = !storeHealthy.get();
        Duration minAge = recovering ? Duration.ZERO : settings.sweepMinAge();
        Mono<Void> check = recovering ? Mono.defer(beforeRecovery) : Mono.empty();
        return check.then(sweepPages(Long.MIN_VALUE, minAge, 0))
                .doOnNext(applied -> swept(recovering, applied))
                .onErrorResume(e -> {
                    storeFailed(e);
                    return Mono.just(0L);
                });
    }

    /**
     * Applies every window in the outbox, whatever its age; errors when the store fails (the start-up check
     * retries it). Emits how many windows it applied or skipped.
     */
    public Mono<Long> drain() {
        boolean recovering = !storeHealthy.get();
        return sweepPages(Long.MIN_VALUE, Duration.ZERO, 0)
                .doOnNext(applied -> swept(recovering, applied))
                .doOnError(this::storeFailed);
    }

    private Mono<Long> sweepPages(long afterId, Duration minAge, long count) {
        int size = settings.sweepPageSize();
        return outbox.pendingWindows(afterId, size, minAge).collectList().flatMap(page -> {
            if (page.isEmpty()) {
                return Mono.just(count);
            }
            return applyAll(page).flatMap(a -> {
                long total = count + a.applied() + a.skipped();
                return page.size() < size ? Mono.just(total) : sweepPages(page.getLast().id(), minAge, total);
            });
        });
    }

    private void swept(boolean recovering, long applied) {
        sweptWindows.addAndGet(applied);
        backoff.set(settings.minBackoff());
        if (recovering && storeHealthy.compareAndSet(false, true)) {
            log.info("rollup store is back: outbox drained ({} windows), the pipeline applies windows again",
                    applied);
        }
    }

    private void storeFailed(Throwable e) {
        if (storeHealthy.compareAndSet(true, false)) {
            log.warn("rollup store failed ({}): windows wait in the outbox, analytics answer from Postgres",
                    e.toString());
        } else {
            log.debug("rollup store still failing: {}", e.toString());
        }
    }

    private enum Outcome { APPLIED, SKIPPED, REFUSED, FAILED }

    private record Result(PendingWindow window, Outcome outcome, @Nullable Throwable failure) {}

    /** What applying some windows came to. */
    private record Applied(
            List<PendingWindow> done, long applied, long skipped, long refused, @Nullable Throwable failure) {

        static Applied of(List<Result> results) {
            List<PendingWindow> done = new ArrayList<>();
            long applied = 0;
            long skipped = 0;
            long refused = 0;
            Throwable failure = null;
            for (Result r : results) {
                switch (r.outcome()) {
                    case APPLIED -> {
                        applied++;
                        done.add(r.window());
                    }
                    case SKIPPED -> {
                        skipped++;
                        done.add(r.window());
                    }
                    case REFUSED -> refused++;
                    case FAILED -> failure = failure == null ? r.failure() : failure;
                }
            }
            return new Applied(done, applied, skipped, refused, failure);
        }
    }
}
