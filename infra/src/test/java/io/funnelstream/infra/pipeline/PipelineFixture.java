package io.funnelstream.infra.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.pipeline.PipelineSettings;
import io.funnelstream.engine.pipeline.PipelineStats;
import io.funnelstream.engine.pipeline.RollupApplier;
import io.funnelstream.engine.pipeline.RollupPipeline;
import io.funnelstream.engine.pipeline.RollupRebuilder;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.MessageRegistry;
import io.funnelstream.engine.port.MessageStore;
import io.funnelstream.engine.port.RollupSource;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.Counts;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupKey;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupSnapshot;
import io.funnelstream.engine.rollup.Scope;
import io.funnelstream.infra.embedded.PostgresEventLog;
import io.funnelstream.infra.embedded.PostgresEventLogSettings;
import io.funnelstream.infra.eventlog.PostgresLogPositions;
import io.funnelstream.infra.postgres.Migrations;
import io.funnelstream.infra.postgres.PostgresAdapters;
import io.funnelstream.infra.postgres.PostgresConnectionFactories;
import io.funnelstream.infra.postgres.PostgresSettings;
import io.funnelstream.infra.postgres.TenantTransactions;
import io.funnelstream.testkit.PostgresTestDatabase;
import io.r2dbc.pool.ConnectionPool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * One migrated test database and what a pipeline needs around it: the app role's pool, the embedded event log,
 * the Postgres adapters. Starts pipelines (as many and as often as a test likes: each start is a fresh process
 * as far as the pipeline can tell) and recounts from raw events to compare with a store.
 */
final class PipelineFixture implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    final PostgresTestDatabase db;
    final ConnectionPool pool;
    final PostgresEventLog embeddedLog;
    final MessageStore messages;
    final RollupSource source;
    final MessageRegistry registry;
    final PostgresLogPositions positions;

    private PipelineFixture(PostgresTestDatabase db) {
        this.db = db;
        this.pool = PostgresConnectionFactories.pooled(
                PostgresSettings.of(db.host(), db.port(), db.database(), "funnelstream_app", null).withPool(2, 12));
        this.embeddedLog = new PostgresEventLog(pool,
                new PostgresEventLogSettings(1000, 50_000, Duration.ofSeconds(5), 40, Duration.ofMillis(50)),
                Schedulers.parallel());
        this.messages = PostgresAdapters.messageStore(pool);
        this.source = PostgresAdapters.rollupSource(pool);
        this.registry = PostgresAdapters.messageRegistry(embeddedLog, new TenantTransactions(pool));
        this.positions = new PostgresLogPositions(pool);
    }

    /** Migrates the class's database and connects to it. */
    static PipelineFixture migrate(PostgresTestDatabase db) {
        new Migrations(db.jdbcUrl(), db.superuser(), db.superuserPassword()).up();
        return new PipelineFixture(db);
    }

    /** Quick retries and sweeps, small transactions: many batches, many chances to be interrupted. */
    static PipelineSettings settings() {
        return PipelineSettings.defaults()
                .withBatching(3, Duration.ofMillis(5))
                .withSweep(Duration.ofMillis(200), Duration.ofMillis(300))
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(500))
                .withApplyTimeout(Duration.ofSeconds(3));
    }

    /** A pipeline as a service would run it. */
    Running start(EventLog log, RollupStore store, PipelineSettings settings) {
        PipelineStats stats = new PipelineStats();
        RollupApplier applier = new RollupApplier(store, messages, settings, stats, Clock.systemUTC(),
                Schedulers.parallel());
        RollupRebuilder rebuilder = new RollupRebuilder(source, store, settings.consumerGroup(), Clock.systemUTC(),
                applier);
        RollupPipeline pipeline = new RollupPipeline(log, positions, messages, applier, rebuilder, settings, stats,
                Clock.systemUTC(), Schedulers.parallel());
        return new Running(stats, applier, rebuilder, pipeline.start());
    }

    Running start(RollupStore store) {
        return start(embeddedLog, store, settings());
    }

    /** A started pipeline. */
    record Running(PipelineStats stats, RollupApplier applier, RollupRebuilder rebuilder, Disposable disposable)
            implements AutoCloseable {

        @Override
        public void close() {
            disposable.dispose();
        }
    }

    /** Appends to the embedded log and waits until the records are durable. */
    void append(List<LogRecord> records) {
        embeddedLog.append(records).as(StepVerifier::create).expectComplete().verify(TIMEOUT);
    }

    /** Appends in chunks of {@code size}, one append after the other. */
    void appendInChunks(List<LogRecord> records, int size) {
        List<List<LogRecord>> chunks = new ArrayList<>();
        for (int i = 0; i < records.size(); i += size) {
            chunks.add(records.subList(i, Math.min(records.size(), i + size)));
        }
        Flux.fromIterable(chunks).concatMap(embeddedLog::append)
                .as(StepVerifier::create).expectComplete().verify(TIMEOUT);
    }

    TenantId newTenant() throws SQLException {
        String slug = "t-" + UUID.randomUUID().toString().substring(0, 12);
        return TenantId.of(strings("select funnelstream_create_tenant(?, ?)", slug, slug).getFirst());
    }

    /** A survey and a distribution of it in the tenant: ids a message may count under. */
    Distribution newDistribution(TenantId tenant) throws SQLException {
        UUID survey = UUID.fromString(strings(
                "insert into surveys (tenant_id, title, link) values (?, 'survey', 'https://s.example') returning id",
                tenant.value()).getFirst());
        UUID distribution = UUID.fromString(strings(
                "insert into distributions (tenant_id, survey_id, name) values (?, ?, 'd') returning id",
                tenant.value(), survey).getFirst());
        return new Distribution(distribution, survey);
    }

    record Distribution(UUID id, UUID surveyId) {}

    /** Waits until every one of these messages exists and the outbox is empty: all before them is applied. */
    void awaitApplied(Collection<UUID> lastMessages) {
        String[] ids = lastMessages.stream().map(UUID::toString).toArray(String[]::new);
        await("messages " + lastMessages + " created and the outbox drained", () -> {
            long found = number("select count(*) from messages where id = any(?::uuid[])", (Object) ids);
            return found == ids.length && number("select count(*) from rollup_outbox") == 0;
        });
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    /** Asserts that the store holds exactly the recount from raw events, for every key of every tenant. */
    void assertStoreEqualsRecount(RollupStore store, Collection<TenantId> tenants) {
        Map<TenantId, RollupDelta> recount = Recount.fromRawEvents(this, tenants);
        for (TenantId tenant : tenants) {
            RollupDelta expected = recount.getOrDefault(tenant, RollupDelta.empty());
            assertThat(expected.isEmpty()).as("tenant %s has something to count", tenant).isFalse();
            Map<Scope, Map<BucketSize, TreeMap<Instant, Counts>>> byScope = new HashMap<>();
            expected.rollups().forEach((key, counts) -> byScope.computeIfAbsent(key.scope(), s -> new HashMap<>())
                    .computeIfAbsent(key.size(), z -> new TreeMap<>()).put(key.bucketStart(), counts));
            byScope.forEach((scope, sizes) -> sizes.forEach((size, buckets) -> {
                RollupQuery query = new RollupQuery(tenant, scope, size, buckets.firstKey(),
                        buckets.lastKey().plus(size.length()));
                RollupSnapshot held = store.read(query).block(TIMEOUT);
                assertThat(held).isNotNull();
                assertThat(held.buckets()).as("%s %s of tenant %s", scope.code(), size, tenant)
                        .containsExactlyEntriesOf(buckets);
            }));
        }
    }

    /** Counts of rollups (keys) a recount gives, to show a test compared something. */
    int recountKeys(Collection<TenantId> tenants) {
        return Recount.fromRawEvents(this, tenants).values().stream().mapToInt(d -> d.rollups().size()).sum();
    }

    static RollupKey key(TenantId tenant, Scope scope, BucketSize size, Instant at) {
        return RollupKey.containing(tenant, scope, size, at);
    }

    long number(String sql, Object... args) {
        return Long.parseLong(strings(sql, args).getFirst());
    }

    List<String> strings(String sql, Object... args) {
        try (Connection c = db.openSuperuserConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<String> out = new ArrayList<>();
            if (s.execute()) {
                try (ResultSet rows = s.getResultSet()) {
                    while (rows.next()) {
                        out.add(rows.getString(1));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    void execute(String sql, Object... args) {
        strings(sql, args);
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
