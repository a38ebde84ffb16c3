package io.funnelstream.engine.pipeline;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupMark;
import io.funnelstream.engine.port.RollupSource;
import io.funnelstream.engine.port.RollupStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import reactor.util.Logger;
import reactor.util.Loggers;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rebuilds a tenant's rollups from Postgres, safely while the pipeline runs (in this process or any other):
 *
 * <ol>
 *   <li>take the tenant's rebuild lock (a second rebuild of the tenant meanwhile is refused, not queued);
 *   <li>{@link RollupStore#beginRebuild}: from now on the store refuses the tenant's windows, which stay in the
 *       outbox. Every window applied before this was committed before the snapshot below, so it is recounted;
 *   <li>recount in one snapshot with the committed positions ({@link RollupSource#recount});
 *   <li>{@link RollupStore#replaceAll} with the recount, covering the offsets before those positions: the store
 *       skips the outbox's windows up to them and takes the later ones, which the sweep then applies.
 * </ol>
 *
 * At start, {@link #rebuildWhereNeeded} rebuilds every tenant whose rollups the store cannot vouch for: an
 * unfinished rebuild, nothing held for a tenant with messages (memory store, Redis restarted empty), or less
 * applied than Postgres knows was applied (Redis restored from an older snapshot).
 */
public final class RollupRebuilder {

    private static final Logger log = Loggers.getLogger(RollupRebuilder.class);

    private final RollupSource source;
    private final RollupStore store;
    private final String consumerGroup;
    private final Clock clock;
    private final @Nullable RollupApplier applier;

    /**
     * @param applier the applier of a pipeline in this process, told when a rebuild starts and ends; null for a
     *     rebuilder without one (the command line)
     */
    public RollupRebuilder(RollupSource source, RollupStore store, String consumerGroup, Clock clock,
            @Nullable RollupApplier applier) {
        this.source = source;
        this.store = store;
        this.consumerGroup = consumerGroup;
        this.clock = clock;
        this.applier = applier;
    }

    /** Rebuilds the tenant's rollups; see the class description. */
    public Mono<RebuildOutcome> rebuild(TenantId tenant) {
        return Mono.defer(() -> {
            Instant started = clock.instant();
            Mono<RebuildOutcome.Rebuilt> work = Mono.fromRunnable(() -> started(tenant))
                    .then(store.beginRebuild(tenant))
                    .then(source.recount(tenant, consumerGroup))
                    .flatMap(recount -> {
                        Map<String, Long> covered = Partitions.coveredUpTo(recount.positions());
                        return store.replaceAll(tenant, recount.fullState(), covered)
                                .thenReturn(new RebuildOutcome.Rebuilt(tenant, recount.messages(), recount.events(),
                                        recount.fullState().rollups().size(), covered,
                                        Duration.between(started, clock.instant())));
                    })
                    .doFinally(signal -> finished(tenant));
            return source.exclusively(tenant, work).map(done -> outcome(tenant, done));
        });
    }

    private RebuildOutcome outcome(TenantId tenant, Optional<RebuildOutcome.Rebuilt> done) {
        if (done.isEmpty()) {
            log.info("rollups of tenant {} are being rebuilt elsewhere; not starting another rebuild", tenant);
            return new RebuildOutcome.AlreadyRunning(tenant);
        }
        RebuildOutcome.Rebuilt r = done.get();
        log.info("rebuilt rollups of tenant {}: {} messages, {} events, {} rollups, covering {}, in {} ms",
                tenant, r.messages(), r.events(), r.rollups(), r.coveredUpTo(), r.took().toMillis());
        return r;
    }

    /** Rebuilds every tenant that has messages, one after another. */
    public Flux<RebuildOutcome> rebuildAll() {
        return source.tenantsWithMessages().concatMap(this::rebuild);
    }

    /** Rebuilds the tenants whose rollups the store cannot vouch for (see the class description). */
    public Flux<RebuildOutcome> rebuildWhereNeeded() {
        return source.tenantsWithMessages()
                .concatMap(tenant -> reasonToRebuild(tenant)
                        .doOnNext(reason -> log.info("rebuilding rollups of tenant {}: {}", tenant, reason))
                        .flatMap(reason -> rebuild(tenant)));
    }

    /** Why the tenant's rollups need a rebuild, or empty when the store holds all that was applied. */
    Mono<String> reasonToRebuild(TenantId tenant) {
        return store.mark(tenant).zipWith(source.appliedUpTo(tenant)).flatMap(t -> {
            RollupMark mark = t.getT1();
            if (mark.needsRebuild()) {
                return Mono.just("an earlier rebuild did not finish");
            }
            if (mark.isEmpty()) {
                return Mono.just("the store holds nothing for a tenant with messages");
            }
            for (Map.Entry<String, Long> applied : t.getT2().entrySet()) {
                long held = mark.appliedUpTo().getOrDefault(applied.getKey(), -1L);
                if (held < applied.getValue()) {
                    return Mono.just("the store holds " + applied.getKey() + " up to " + held + " but "
                            + applied.getValue() + " was applied");
                }
            }
            return Mono.empty();
        });
    }

    private void started(TenantId tenant) {
        if (applier != null) {
            applier.rebuildStarted(tenant);
        }
    }

    private void finished(TenantId tenant) {
        if (applier != null) {
            applier.rebuildFinished(tenant);
        }
    }
}
