package io.funnelstream.engine.analytics;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.Counts;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The reads of one request: each from the rollups when they are current and keep the slice, otherwise from
 * Postgres. A rollup read that fails sends it, and every later read of the request, to Postgres, so a store
 * going down mid-request costs one failed call. Remembers which sources it used. Thread-safe.
 */
public final class AnalyticsReader {

    private final @Nullable AnalyticsSource rollups;
    private final AnalyticsSource fallback;
    private final AtomicBoolean rollupsFailed = new AtomicBoolean();
    private final Set<Source> used = EnumSet.noneOf(Source.class);

    AnalyticsReader(@Nullable AnalyticsSource rollups, AnalyticsSource fallback) {
        this.rollups = rollups;
        this.fallback = fallback;
    }

    /** The non-empty buckets of the query. */
    public Mono<SliceCounts> read(SliceQuery query) {
        AnalyticsSource primary = primaryFor(query.slice());
        if (primary == null) {
            return fallback.read(query).doOnSuccess(r -> note(fallback));
        }
        return primary.read(query)
                .doOnSuccess(r -> note(primary))
                .onErrorResume(failure -> {
                    rollupsFailed.set(true);
                    return fallback.read(query).doOnSuccess(r -> note(fallback));
                });
    }

    /** The counts of the slice over the whole cover. */
    public Mono<Counts> totals(TenantId tenant, Slice slice, Cover cover) {
        AnalyticsSource primary = primaryFor(slice);
        if (primary == null) {
            return fallback.totals(tenant, slice, cover).doOnSuccess(r -> note(fallback));
        }
        return primary.totals(tenant, slice, cover)
                .doOnSuccess(r -> note(primary))
                .onErrorResume(failure -> {
                    rollupsFailed.set(true);
                    return fallback.totals(tenant, slice, cover).doOnSuccess(r -> note(fallback));
                });
    }

    /** The value with the sources read so far. */
    public <T> Sourced<T> sourced(T value) {
        synchronized (used) {
            return new Sourced<>(value, EnumSet.copyOf(used));
        }
    }

    /** True when a rollup read failed and the request went on from Postgres. */
    public boolean rollupsFailed() {
        return rollupsFailed.get();
    }

    private @Nullable AnalyticsSource primaryFor(Slice slice) {
        AnalyticsSource primary = rollups;
        if (primary == null || rollupsFailed.get() || !primary.reads(slice)) {
            return null;
        }
        return primary;
    }

    private void note(AnalyticsSource source) {
        synchronized (used) {
            used.add(source.source());
        }
    }
}
