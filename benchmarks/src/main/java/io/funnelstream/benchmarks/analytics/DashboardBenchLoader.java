package io.funnelstream.benchmarks.analytics;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.infra.embedded.InMemoryRollupStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Puts N events' worth of the last seven days into a running service's Postgres for the dashboard benchmark: the
 * rows {@link AnalyticsQueryHarness} loads, for an existing tenant (the embedded default's {@code default}), with a
 * survey and 20 distributions of its own. The service's rollups are then rebuilt from Postgres
 * ({@code POST /api/admin/rollups/rebuild}) and the dashboard measured in a browser ({@code web/e2e/bench.mjs}).
 *
 * <pre>{@code java -cp ... io.funnelstream.benchmarks.analytics.DashboardBenchLoader
 *     [events=1000000] [pgPort=54329] [database=funnelstream] [slug=default]}</pre>
 */
public final class DashboardBenchLoader {

    private DashboardBenchLoader() {}

    public static void main(String[] args) throws Exception {
        long events = 1_000_000;
        int port = 54329;
        String database = "funnelstream";
        String slug = "default";
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "events" -> events = Long.parseLong(kv[1]);
                case "pgPort" -> port = Integer.parseInt(kv[1]);
                case "database" -> database = kv[1];
                case "slug" -> slug = kv[1];
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        try (Connection c = DriverManager.getConnection(url, "postgres", null)) {
            TenantId tenant = new TenantId(BenchDatabase.single(c, "select id from tenants where slug = '" + slug + "'"));
            UUID survey = BenchDatabase.single(c, "insert into surveys (tenant_id, title, link) values ('" + tenant
                    + "', 'NPS', 'https://survey.example') returning id");
            List<UUID> distributions = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                distributions.add(BenchDatabase.single(c, "insert into distributions (tenant_id, survey_id, name, status) values ('"
                        + tenant + "', '" + survey + "', 'distribution " + i + "', 'running') returning id"));
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            SyntheticHistory history = new SyntheticHistory(tenant, distributions, now.minus(Duration.ofDays(7)), now,
                    42);
            RollupLoader states = new RollupLoader(new InMemoryRollupStore(Clock.systemUTC()), tenant, survey, 1);
            long start = System.nanoTime();
            try (Connection copy = DriverManager.getConnection(url, "postgres", null);
                    PostgresLoader rows = new PostgresLoader(copy, tenant, survey)) {
                long loaded = history.generate(events, m -> {
                    try {
                        rows.add(m, states.state(m));
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                long written = rows.finish();
                System.out.printf("loaded %,d events (%,d rows) for tenant %s in %.1f s%n", loaded, written, tenant,
                        (System.nanoTime() - start) / 1e9);
            }
        }
    }
}
