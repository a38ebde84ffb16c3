package io.funnelstream.benchmarks.analytics;

import io.funnelstream.engine.analytics.AnalyticsSource;
import io.funnelstream.engine.analytics.AnalyticsSources;
import io.funnelstream.engine.analytics.DeliveryAnalytics;
import io.funnelstream.engine.analytics.DistributionCatalog;
import io.funnelstream.engine.analytics.Overview;
import io.funnelstream.engine.analytics.Parsed;
import io.funnelstream.engine.analytics.Slice;
import io.funnelstream.engine.analytics.Source;
import io.funnelstream.engine.analytics.Sourced;
import io.funnelstream.engine.analytics.TimeRange;
import io.funnelstream.engine.analytics.TimelinePlan;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupAvailability;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.RollupRetention;
import io.funnelstream.infra.embedded.InMemoryRollupStore;
import io.funnelstream.infra.postgres.PostgresAdapters;
import io.funnelstream.infra.postgres.PostgresConnectionFactories;
import io.funnelstream.infra.postgres.PostgresSettings;
import io.funnelstream.infra.postgres.TenantTransactions;
import io.funnelstream.infra.redis.RedisRollupSettings;
import io.funnelstream.infra.redis.RedisRollupStore;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.r2dbc.pool.ConnectionPool;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Loads N events' worth of one tenant's last seven days into a rollup store (Redis, or memory) and the same rows into
 * Postgres (COPY), then measures p50/p99 of the overview, funnel and timeline as the API computes them from the
 * rollups, side by side with the plain SQL GROUP BY over the raw events and with the API's own Postgres fallback, in
 * the same run on the same data. Uses a database and key prefix of its own, dropped at the end.
 *
 * <pre>{@code java -cp ... io.funnelstream.benchmarks.analytics.AnalyticsQueryHarness
 *     [events=1000000] [store=redis|memory] [iterations=300] [warmUp=100] [sqlIterations=10]
 *     [fallbackIterations=2] [windowMessages=20000] [redis=redis://127.0.0.1:6379] [pgHost=127.0.0.1]
 *     [pgPort=5432] [keep=false] [reuse=<database> prefix=<redis key prefix> now=<instant>]}</pre>
 *
 * <p>{@code keep=true} leaves the database and the Redis keys in place and prints the arguments that measure them
 * again ({@code reuse}, {@code prefix}, {@code now}) without loading anything: load once, measure when the machine
 * is quiet. Loading 10M events takes about ten minutes; measuring, two.
 */
public final class AnalyticsQueryHarness {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private AnalyticsQueryHarness() {}

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        boolean reuse = !o.reuse().isEmpty();
        if (reuse && (!o.store().equals("redis") || o.prefix().isEmpty() || o.now().isEmpty())) {
            throw new IllegalArgumentException("reuse=<database> needs store=redis, prefix= and now= of the run"
                    + " that kept it");
        }
        Instant now = reuse ? Instant.parse(o.now()) : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        TimeRange week = new TimeRange(now.minus(Duration.ofDays(7)), now, ZoneOffset.UTC);
        BenchDatabase database = reuse ? BenchDatabase.open(o.pgHost(), o.pgPort(), o.reuse())
                : BenchDatabase.create(o.pgHost(), o.pgPort());
        RedisClient redis = o.store().equals("redis") ? redisClient(o.redis()) : null;
        StatefulRedisConnection<String, String> connection = redis == null ? null : redis.connect();
        String prefix = reuse ? o.prefix() : "fs-bench-analytics-" + System.nanoTime();
        try {
            Supplier<RollupStore> stores = connection == null
                    ? () -> new InMemoryRollupStore(clock)
                    : () -> new RedisRollupStore(connection.reactive(),
                            RedisRollupSettings.DEFAULT.withKeyPrefix(prefix), clock);
            RollupStore store = stores.get();
            TenantId tenant = database.tenant();
            if (!reuse) {
                load(o, database, store, week, tenant);
            }
            ConnectionPool pool = PostgresConnectionFactories.pooled(PostgresSettings.of(
                    o.pgHost(), o.pgPort(), database.name(), "funnelstream_app", null).withPool(1, 8));
            try {
                measure(o, database, store, connection == null ? null : stores, pool, clock, tenant, week);
            } finally {
                pool.dispose();
            }
        } finally {
            if (connection != null) {
                if (o.keep()) {
                    System.out.printf("redis keys kept under %s:*; measure them again with: reuse=%s prefix=%s"
                            + " now=%s%n", prefix, database.name(), prefix, now);
                } else {
                    System.out.printf("redis keys removed: %d%n", RedisKeys.delete(connection, prefix));
                }
                connection.close();
                redis.shutdown();
            }
            if (!o.keep()) {
                database.drop();
            }
        }
    }

    private static void load(Options o, BenchDatabase database, RollupStore store, TimeRange week, TenantId tenant)
            throws Exception {
        SyntheticHistory history = new SyntheticHistory(tenant, database.distributions(), week.from(), week.to(), 42);
        RollupLoader rollups = new RollupLoader(store, tenant, database.survey(), o.windowMessages());
        long[] nanos = new long[2];
        long[] messages = new long[1];
        long start = System.nanoTime();
        try (PostgresLoader rows = new PostgresLoader(database.superuser(), tenant, database.survey())) {
            long events = history.generate(o.events(), m -> {
                try {
                    messages[0]++;
                    var state = rollups.state(m);
                    long t0 = System.nanoTime();
                    rollups.add(m, state);
                    long t1 = System.nanoTime();
                    rows.add(m, state);
                    nanos[0] += t1 - t0;
                    nanos[1] += System.nanoTime() - t1;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            long t0 = System.nanoTime();
            long windows = rollups.flush();
            long t1 = System.nanoTime();
            long written = rows.finish();
            nanos[0] += t1 - t0;
            nanos[1] += System.nanoTime() - t1;
            System.out.printf("loaded %,d events of %,d messages in %.1f s: rollups %.1f s (%,d windows), "
                            + "Postgres COPY + analyze %.1f s (%,d rows)%n",
                    events, messages[0], (System.nanoTime() - start) / 1e9, nanos[0] / 1e9, windows, nanos[1] / 1e9,
                    written);
        }
    }

    private static void measure(Options o, BenchDatabase database, RollupStore store,
            @Nullable Supplier<RollupStore> freshStores,
            ConnectionPool pool, Clock clock, TenantId tenant, TimeRange week) throws Exception {
        TenantTransactions transactions = new TenantTransactions(pool);
        AnalyticsSource postgres = PostgresAdapters.analyticsSource(transactions);
        var catalog = PostgresAdapters.distributionCatalog(transactions);
        DeliveryAnalytics rollups = new DeliveryAnalytics(new AnalyticsSources(AnalyticsSource.of(store), postgres,
                RollupAvailability.always()), catalog, RollupRetention.DEFAULT, clock);
        DeliveryAnalytics fallback = new DeliveryAnalytics(
                new AnalyticsSources(null, postgres, RollupAvailability.always()), catalog, RollupRetention.DEFAULT,
                clock);
        TimelinePlan hours = ((Parsed.Valid<TimelinePlan>) rollups.timelinePlan(Slice.all(), BucketSize.HOUR, week))
                .value();
        checkSameAnswers(rollups, fallback, tenant, week);
        System.out.println("load average before measuring: " + loadAverage());
        System.out.println(Latencies.header());
        List<Latencies.Result> results = new ArrayList<>();
        results.add(Latencies.measure("rollups: overview (11 slices)", o.warmUp(), o.iterations(),
                () -> rollups.overview(tenant, week).block(TIMEOUT)));
        results.add(Latencies.measure("rollups: funnel", o.warmUp(), o.iterations(),
                () -> rollups.funnel(tenant, Slice.all(), week).block(TIMEOUT)));
        results.add(Latencies.measure("rollups: timeline (169 hours)", o.warmUp(), o.iterations(),
                () -> rollups.timeline(tenant, hours).block(TIMEOUT)));
        if (freshStores != null) {
            // A store that remembers nothing (a new instance per query): every hash is read whole, as on the first
            // query after a start, or when every bucket of the range was written since the last query.
            results.add(Latencies.measure("rollups, nothing remembered: overview", o.warmUp(), o.iterations(),
                    () -> analytics(freshStores.get(), postgres, catalog, clock).overview(tenant, week)
                            .block(TIMEOUT)));
            results.add(Latencies.measure("rollups, nothing remembered: timeline", o.warmUp(), o.iterations(),
                    () -> analytics(freshStores.get(), postgres, catalog, clock).timeline(tenant, hours)
                            .block(TIMEOUT)));
        }
        int sqlFrom = results.size();
        try (var superuser = database.superuser()) {
            PlainSql sql = new PlainSql(superuser, tenant, week.from(), week.to());
            results.add(Latencies.measure("plain SQL: overview", 1, o.sqlIterations(), () -> sql.run(PlainSql.OVERVIEW)));
            results.add(Latencies.measure("plain SQL: funnel", 1, o.sqlIterations(), () -> sql.run(PlainSql.FUNNEL)));
            results.add(Latencies.measure("plain SQL: timeline", 1, o.sqlIterations(),
                    () -> sql.run(PlainSql.TIMELINE)));
            System.out.println("plan of the plain overview:\n" + sql.explain(PlainSql.OVERVIEW));
        }
        if (o.fallbackIterations() > 0) {
            Latencies.measure("API fallback from Postgres: overview", 0, o.fallbackIterations(),
                    () -> fallback.overview(tenant, week).block(TIMEOUT));
            Latencies.measure("API fallback from Postgres: funnel", 0, o.fallbackIterations(),
                    () -> fallback.funnel(tenant, Slice.all(), week).block(TIMEOUT));
            Latencies.measure("API fallback from Postgres: timeline", 0, o.fallbackIterations(),
                    () -> fallback.timeline(tenant, hours).block(TIMEOUT));
        }
        System.out.println("load average after measuring: " + loadAverage());
        for (int i = 0; i < 3; i++) {
            Latencies.Result fast = results.get(i);
            Latencies.Result slow = results.get(sqlFrom + i);
            System.out.printf("%s: plain SQL p50 / rollups p99 = %.0fx%n", fast.name(), slow.p50() / fast.p99());
        }
    }

    private static DeliveryAnalytics analytics(RollupStore store, AnalyticsSource postgres,
            DistributionCatalog catalog, Clock clock) {
        return new DeliveryAnalytics(new AnalyticsSources(AnalyticsSource.of(store), postgres,
                RollupAvailability.always()), catalog, RollupRetention.DEFAULT, clock);
    }

    /** The rollups and the Postgres fallback must agree before their speeds are compared. */
    private static void checkSameAnswers(DeliveryAnalytics rollups, DeliveryAnalytics fallback, TenantId tenant,
            TimeRange week) {
        Sourced<Overview> fast = rollups.overview(tenant, week).block(TIMEOUT);
        Sourced<Overview> slow = fallback.overview(tenant, week).block(TIMEOUT);
        if (!fast.sources().equals(Set.of(Source.ROLLUPS)) || !fast.value().equals(slow.value())) {
            throw new IllegalStateException("rollups and Postgres disagree: " + fast.sources() + "\n"
                    + fast.value().total().counts() + "\n" + slow.value().total().counts());
        }
        System.out.printf("rollups and Postgres agree: %,d sent, %,d delivered over the week%n",
                fast.value().total().counts().get("stage.sent"), fast.value().total().counts().get("stage.delivered"));
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static RedisClient redisClient(String uri) {
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder().maintNotificationsConfig(MaintNotificationsConfig.disabled()).build());
        return client;
    }

    /** The command line, name=value. */
    record Options(long events, String store, int iterations, int warmUp, int sqlIterations, int fallbackIterations,
            int windowMessages, String redis, String pgHost, int pgPort, boolean keep, String reuse, String prefix,
            String now) {

        static Options parse(String[] args) {
            Map<String, String> map = new HashMap<>();
            for (String arg : args) {
                int eq = arg.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("expected name=value, got " + arg);
                }
                map.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
            return new Options(Long.parseLong(map.getOrDefault("events", "1000000")),
                    map.getOrDefault("store", "redis"),
                    Integer.parseInt(map.getOrDefault("iterations", "300")),
                    Integer.parseInt(map.getOrDefault("warmUp", "100")),
                    Integer.parseInt(map.getOrDefault("sqlIterations", "10")),
                    Integer.parseInt(map.getOrDefault("fallbackIterations", "2")),
                    Integer.parseInt(map.getOrDefault("windowMessages", "20000")),
                    map.getOrDefault("redis", "redis://127.0.0.1:6379"),
                    map.getOrDefault("pgHost", "127.0.0.1"),
                    Integer.parseInt(map.getOrDefault("pgPort", "5432")),
                    Boolean.parseBoolean(map.getOrDefault("keep", "false")) || map.containsKey("reuse"),
                    map.getOrDefault("reuse", ""),
                    map.getOrDefault("prefix", ""),
                    map.getOrDefault("now", ""));
        }
    }
}
