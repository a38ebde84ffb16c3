package io.funnelstream.infra.postgres;

import io.funnelstream.engine.analytics.AnalyticsSource;
import io.funnelstream.engine.analytics.Cover;
import io.funnelstream.engine.analytics.Route;
import io.funnelstream.engine.analytics.Slice;
import io.funnelstream.engine.analytics.SliceCounts;
import io.funnelstream.engine.analytics.SliceQuery;
import io.funnelstream.engine.analytics.Source;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.Counts;
import io.funnelstream.engine.rollup.LatencySketch;
import io.r2dbc.spi.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Counts what the rollups count straight from Postgres ({@link AnalyticsSql}), for every slice: the
 * fallback when the rollup store cannot answer, and the source of slices rollups do not keep. Each read is
 * one statement in a transaction scoped to the tenant (row-level security applies).
 */
final class PostgresAnalyticsSource implements AnalyticsSource {

    private final TenantTransactions transactions;

    PostgresAnalyticsSource(TenantTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public Source source() {
        return Source.POSTGRES;
    }

    @Override
    public boolean reads(Slice slice) {
        return true;
    }

    @Override
    public Mono<SliceCounts> read(SliceQuery query) {
        return rows(query.tenant(), query.slice(), query.size(), false, query.from(), query.to())
                .collect(Buckets::new, Buckets::add)
                .map(buckets -> new SliceCounts(query, buckets.counts()));
    }

    /** One statement over the whole cover, not one per segment. */
    @Override
    public Mono<Counts> totals(TenantId tenant, Slice slice, Cover cover) {
        return rows(tenant, slice, null, false, cover.from(), cover.to())
                .collect(Buckets::new, Buckets::add)
                .map(buckets -> buckets.counts().getOrDefault(cover.from(), Counts.empty()));
    }

    @Override
    public boolean splitsByRoute() {
        return true;
    }

    /** One statement over the whole cover, grouped by channel and provider as well. */
    @Override
    public Mono<Map<Route, Counts>> totalsByRoute(TenantId tenant, Slice slice, Cover cover) {
        return rows(tenant, slice, null, true, cover.from(), cover.to())
                .collect(HashMap<Route, Buckets>::new, (routes, row) -> routes
                        .computeIfAbsent(Objects.requireNonNull(row.route(), "route"), r -> new Buckets())
                        .add(row))
                .map(routes -> {
                    Map<Route, Counts> out = new HashMap<>();
                    routes.forEach((route, buckets) ->
                            out.put(route, buckets.counts().getOrDefault(cover.from(), Counts.empty())));
                    return out;
                });
    }

    private Flux<CountRow> rows(
            TenantId tenant, Slice slice, @Nullable BucketSize size, boolean byRoute, Instant from, Instant to) {
        AnalyticsSql.Query query = AnalyticsSql.counts(slice, size, byRoute);
        return transactions.inTenant(tenant, connection -> {
            Statement statement = connection.createStatement(query.sql())
                    .bind(0, tenant.value())
                    .bind(1, from)
                    .bind(2, to);
            for (int i = 0; i < query.filterValues().size(); i++) {
                statement.bind(3 + i, query.filterValues().get(i));
            }
            return Flux.from(statement.execute()).concatMap(result -> result.map((row, meta) -> new CountRow(
                    Objects.requireNonNull(row.get(0, Instant.class), "bucket"),
                    Objects.requireNonNull(row.get(1, String.class), "counter"),
                    Objects.requireNonNull(row.get(2, Long.class), "n"),
                    Objects.requireNonNull(row.get(3, Long.class), "ms"),
                    route(row.get(4, String.class), row.get(5, String.class)))));
        });
    }

    private static @Nullable Route route(@Nullable String channel, @Nullable String provider) {
        if (channel == null || provider == null) {
            return null;
        }
        return new Route(Channel.fromSlug(channel).orElseThrow(), Provider.fromSlug(provider).orElseThrow());
    }

    private record CountRow(Instant bucket, String counter, long n, long ms, @Nullable Route route) {}

    /** Sums rows into per-bucket counters, turning response time rows into the sketch's counters. */
    private static final class Buckets {

        private final Map<Instant, Map<String, Long>> values = new TreeMap<>();

        void add(CountRow row) {
            Map<String, Long> bucket = values.computeIfAbsent(row.bucket(), b -> new HashMap<>());
            if (!row.counter().equals(AnalyticsSql.RESPONSE_TIMES)) {
                bucket.merge(row.counter(), row.n(), Long::sum);
                return;
            }
            long millis = Math.max(0, row.ms());
            bucket.merge(LatencySketch.COUNT, row.n(), Long::sum);
            bucket.merge(LatencySketch.SUM_MILLIS, millis * row.n(), Long::sum);
            bucket.merge(LatencySketch.bucketCounter(LatencySketch.index(millis)), row.n(), Long::sum);
        }

        TreeMap<Instant, Counts> counts() {
            TreeMap<Instant, Counts> out = new TreeMap<>();
            values.forEach((start, counters) -> out.put(start, Counts.of(counters)));
            return out;
        }
    }
}
