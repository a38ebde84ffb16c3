package io.funnelstream.engine.port;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupSnapshot;
import io.funnelstream.engine.rollup.WindowId;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where rollups live for fast reads (Redis in production, memory in the embedded default). The truth stays
 * in Postgres: the store can always be rebuilt from it with {@link #replaceAll}.
 *
 * <p>Exactly once: the pipeline commits a window's last log position and its delta in Postgres first, then
 * applies the delta here under the window's id, once per tenant. {@link #apply} counts a window once however
 * often it is repeated (a crash between commit and apply, or between apply and its acknowledgement, repeats
 * it), as long as the store still remembers the id (see each adapter for how long).
 */
public interface RollupStore {

    /**
     * Adds the tenant's part of a window to the rollups, atomically, unless this window was applied for the
     * tenant already or lies within what the last {@link #replaceAll} covered.
     *
     * @param delta increments of this tenant's rollups only
     * @return true if this call applied it, false if it was skipped as a repeat
     * @throws IllegalArgumentException (as an error signal) if the delta touches another tenant's rollups
     * @throws RollupRebuildInProgressException (as an error signal) between {@link #beginRebuild} and the end
     *     of {@link #replaceAll}: nothing was applied, try again later
     */
    Mono<Boolean> apply(TenantId tenant, WindowId window, RollupDelta delta);

    /** The non-empty buckets of the range, as held now. */
    Mono<RollupSnapshot> read(RollupQuery query);

    /**
     * Several reads at once, answered in the order asked: what one request needs (every slice of an overview, each
     * over the buckets of its cover). By default one {@link #read} after another; a store across a network answers
     * them in as few round trips as it can.
     */
    default Mono<List<RollupSnapshot>> readAll(List<RollupQuery> queries) {
        return Flux.fromIterable(queries).concatMap(this::read).collectList();
    }

    /**
     * Announces a rebuild of the tenant's rollups: from when this completes until {@link #replaceAll} has
     * finished, {@link #apply} refuses the tenant's windows with {@link RollupRebuildInProgressException}, in
     * every process sharing the store. A rebuilder calls it <em>before</em> it takes the snapshot it recounts:
     * every window applied before the call was committed before the snapshot, so the recount covers it, and
     * every window after it waits. A rebuild that never finishes leaves the refusal (and
     * {@link RollupMark#rebuildInProgress()}) until the next rebuild of the tenant completes.
     */
    default Mono<Void> beginRebuild(TenantId tenant) {
        return Mono.error(new UnsupportedOperationException(getClass().getSimpleName() + " cannot rebuild"));
    }

    /**
     * Replaces all of the tenant's rollups with a recount (a rebuild from Postgres), forgetting the windows
     * applied so far. {@code coveredUpTo} says, per log partition, the last offset the recount includes:
     * windows ending at or before it are skipped from then on, later ones applied. While this runs, reads may
     * see a partial state and {@link #mark} reports a rebuild in progress; a rebuild that did not finish
     * leaves that mark, so the next start rebuilds again. Ends the refusal {@link #beginRebuild} started, in
     * the same atomic step that records {@code coveredUpTo}.
     *
     * @param fullState every rollup of the tenant; buckets past the store's retention are left out
     * @param coveredUpTo last offset included per partition; empty if the recount is not tied to log positions
     */
    Mono<Void> replaceAll(TenantId tenant, RollupDelta fullState, Map<String, Long> coveredUpTo);

    /** {@link #replaceAll(TenantId, RollupDelta, Map)} tied to no log positions. */
    default Mono<Void> replaceAll(TenantId tenant, RollupDelta fullState) {
        return replaceAll(tenant, fullState, Map.of());
    }

    /** What the store knows it holds for the tenant, for deciding at start whether to rebuild. */
    Mono<RollupMark> mark(TenantId tenant);

    /** True when the store holds nothing for the tenant: nothing applied, nothing rebuilt (or all of it lost). */
    default Mono<Boolean> isEmpty(TenantId tenant) {
        return mark(tenant).map(RollupMark::isEmpty);
    }
}
