package io.funnelstream.engine.analytics;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.Counts;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The reads of one request: each from the rollups when they are current and keep the slice, otherwise from
 * Postgres. A rollup read that fails sends it, and every later read of the request, to Postgres, so a store
 * going down mid-request costs one failed call. Remembers which sources it used. Thread-safe.
 */
public final class AnalyticsReader {

    private static final int CONCURRENCY = 8;
    private static final System.Logger LOG = System.getLogger(AnalyticsReader.class.getName());

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
                    fallBack(failure);
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
                    fallBack(failure);
                    return fallback.totals(tenant, slice, cover).doOnSuccess(r -> note(fallback));
                });
    }

    /**
     * The counts of several slices over the cover, each a refinement of {@code base} by channel or provider (or the
     * base itself). Those the rollups keep are read from them, one read each; the others are counted from Postgres in
     * one read split by route when there are several, since every message travels exactly one route.
     *
     * @throws IllegalArgumentException (as an error signal) if a slice is not a refinement of the base
     */
    public Mono<Map<Slice, Counts>> totals(TenantId tenant, Slice base, List<Slice> slices, Cover cover) {
        List<Slice> fromRollups = new ArrayList<>();
        List<Slice> fromPostgres = new ArrayList<>();
        for (Slice slice : slices) {
            if (!refines(slice, base)) {
                return Mono.error(new IllegalArgumentException(slice + " does not refine " + base));
            }
            (primaryFor(slice) == null ? fromPostgres : fromRollups).add(slice);
        }
        Mono<Map<Slice, Counts>> rollupPart = fromRollups.isEmpty() ? Mono.just(Map.of())
                : fromRollups(tenant, fromRollups, cover);
        Mono<Map<Slice, Counts>> postgresPart = fromPostgres.size() > 1 && fallback.splitsByRoute()
                ? fallback.totalsByRoute(tenant, base, cover)
                        .doOnSuccess(r -> note(fallback))
                        .map(routes -> byRoute(fromPostgres, routes))
                : each(tenant, fromPostgres, cover);
        return Mono.zip(rollupPart, postgresPart).map(parts -> {
            Map<Slice, Counts> all = new HashMap<>(parts.getT1());
            all.putAll(parts.getT2());
            return all;
        });
    }

    /** The value with the sources read so far. */
    public <T> Sourced<T> sourced(T value) {
        synchronized (used) {
            return new Sourced<>(value, EnumSet.copyOf(used));
        }
    }

    /** Sends the rest of the request to Postgres, saying why once. */
    private void fallBack(Throwable failure) {
        if (rollupsFailed.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "rollup read failed, counting from Postgres instead: {0}",
                    failure.toString());
        }
    }

    /** Slices the rollups keep, read together; all of them from Postgres if the rollups fail. */
    private Mono<Map<Slice, Counts>> fromRollups(TenantId tenant, List<Slice> slices, Cover cover) {
        AnalyticsSource primary = Objects.requireNonNull(rollups);
        return primary.totals(tenant, slices, cover)
                .doOnSuccess(r -> note(primary))
                .onErrorResume(failure -> {
                    fallBack(failure);
                    return each(tenant, slices, cover);
                });
    }

    private Mono<Map<Slice, Counts>> each(TenantId tenant, List<Slice> slices, Cover cover) {
        return Flux.fromIterable(slices)
                .flatMap(slice -> totals(tenant, slice, cover).map(counts -> Map.entry(slice, counts)), CONCURRENCY)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static Map<Slice, Counts> byRoute(List<Slice> slices, Map<Route, Counts> routes) {
        Map<Slice, Counts> out = new HashMap<>();
        for (Slice slice : slices) {
            List<Counts> parts = new ArrayList<>();
            routes.forEach((route, counts) -> {
                if (route.within(slice)) {
                    parts.add(counts);
                }
            });
            out.put(slice, Sums.of(parts));
        }
        return out;
    }

    private static boolean refines(Slice slice, Slice base) {
        return Objects.equals(slice.distribution(), base.distribution())
                && (base.channel() == null || base.channel() == slice.channel())
                && (base.provider() == null || base.provider() == slice.provider());
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
