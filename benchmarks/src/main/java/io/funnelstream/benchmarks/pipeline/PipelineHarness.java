package io.funnelstream.benchmarks.pipeline;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.pipeline.PipelineSettings;
import io.funnelstream.engine.pipeline.PipelineStats;
import io.funnelstream.engine.pipeline.RollupApplier;
import io.funnelstream.engine.pipeline.RollupPipeline;
import io.funnelstream.engine.pipeline.RollupRebuilder;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.MessageStore;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.infra.embedded.InMemoryRollupStore;
import io.funnelstream.infra.embedded.PostgresEventLog;
import io.funnelstream.infra.embedded.PostgresEventLogSettings;
import io.funnelstream.infra.eventlog.PostgresLogPositions;
import io.funnelstream.infra.kafka.KafkaEventLog;
import io.funnelstream.infra.kafka.KafkaEventLogSettings;
import io.funnelstream.infra.postgres.Migrations;
import io.funnelstream.infra.postgres.PostgresAdapters;
import io.funnelstream.infra.postgres.PostgresConnectionFactories;
import io.funnelstream.infra.postgres.PostgresSettings;
import io.funnelstream.infra.redis.RedisClientOptions;
import io.funnelstream.infra.redis.RedisRollupSettings;
import io.funnelstream.infra.redis.RedisRollupStore;
import io.funnelstream.testkit.KafkaTestBroker;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.r2dbc.pool.ConnectionPool;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.utils.Utils;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The rollup pipeline end to end on the local Postgres (a database of its own, dropped at the end) with the
 * embedded event log and the memory store, or with the in-process Kafka broker and the local Redis (keys under a
 * prefix of its own, removed at the end).
 *
 * <ol>
 *   <li>Throughput: {@code preload} records appended while no pipeline runs, then the time a pipeline takes from
 *       its start to having every one of them committed in Postgres, applied to the store and acknowledged; done
 *       {@code rounds} times, each with a new pipeline resuming where the last stopped. The first round runs
 *       while the JIT compiler is still at work; the later ones give the sustained rate.
 *   <li>Freshness: records appended at {@code rate} per second for {@code warmup} seconds, untimed (the JIT
 *       compiler is still at work after the preload), then for {@code seconds}, each event timed from just
 *       before its append to the acknowledgement of its batch, which comes after the store took its windows.
 * </ol>
 *
 * <pre>{@code java -cp ... io.funnelstream.benchmarks.pipeline.PipelineHarness
 *     [log=embedded|kafka] [store=memory|redis] [tenants=4] [preload=200000] [rounds=1] [rate=10000] [warmup=0]
 *     [seconds=30] [appendSize=100]
 *     [partitions=4] [spread=false] [lanes=4] [batches=8] [batchWait=20] [producers=4] [kafkaRead=500]
 *     [kafkaUnacknowledged=50000] [postgres=127.0.0.1:5432]
 *     [redis=redis://127.0.0.1:6379] [keep=false] [consumer.<kafka consumer property>=<value>]...}</pre>
 *
 * <p>{@code spread=true} (Kafka) picks tenants that fall evenly on the partitions; otherwise where 4 random tenants
 * fall decides how many lanes work, and runs differ by that alone. {@code keep=true} leaves the database in place
 * for a look at what was written.
 */
public final class PipelineHarness {

    private PipelineHarness() {}

    public static void main(String[] args) throws Exception {
        int status = 1;
        try {
            measure(args);
            status = 0;
        } catch (Exception | Error e) {
            e.printStackTrace();
        } finally {
            exit(status);
        }
    }

    /**
     * The in-process Kafka broker's threads are not daemons and it stops only in a shutdown hook, so returning from
     * main would leave the JVM running for ever: exit, which runs the hook, and halt if that takes over a minute.
     */
    private static void exit(int status) {
        System.out.flush();
        Thread halt = new Thread(() -> {
            LockSupport.parkNanos(TimeUnit.MINUTES.toNanos(1));
            System.err.println("shutdown took over a minute; halting");
            Runtime.getRuntime().halt(status);
        }, "harness-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(status);
    }

    private static void measure(String[] args) throws Exception {
        Map<String, String> o = options(args);
        boolean kafka = o.getOrDefault("log", "embedded").equals("kafka");
        boolean redis = o.getOrDefault("store", kafka ? "redis" : "memory").equals("redis");
        int preload = Integer.parseInt(o.getOrDefault("preload", "200000"));
        int rate = Integer.parseInt(o.getOrDefault("rate", "10000"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "30"));
        String[] pg = o.getOrDefault("postgres", "127.0.0.1:5432").split(":");
        String database = "fs_bench_" + UUID.randomUUID().toString().substring(0, 8);
        String jdbc = "jdbc:postgresql://" + pg[0] + ":" + pg[1] + "/";
        admin(jdbc + "postgres", "create database " + database);
        List<AutoCloseable> cleanUp = new ArrayList<>();
        try {
            new Migrations(jdbc + database, "postgres", null).up();
            ConnectionPool pool = PostgresConnectionFactories.pooled(PostgresSettings.of(pg[0],
                    Integer.parseInt(pg[1]), database, "funnelstream_app", null).withPool(4, 16));
            cleanUp.add(pool::dispose);
            int partitions = Integer.parseInt(o.getOrDefault("partitions", "4"));
            List<TenantId> tenants = tenants(jdbc + database, Integer.parseInt(o.getOrDefault("tenants", "4")),
                    kafka && Boolean.parseBoolean(o.getOrDefault("spread", "false")) ? partitions : 1);
            EventLog log = kafka ? kafkaLog(partitions, o, cleanUp)
                    : new PostgresEventLog(pool, new PostgresEventLogSettings(2000, 200_000, Duration.ofSeconds(10),
                            1000, Duration.ofMillis(100)), Schedulers.parallel());
            RollupStore store = redis ? redisStore(o.getOrDefault("redis", "redis://127.0.0.1:6379"), cleanUp)
                    : new InMemoryRollupStore(Clock.systemUTC());
            System.out.printf("log=%s store=%s tenants=%d lanes=%s database=%s%n", kafka ? "kafka" : "embedded",
                    redis ? "redis" : "memory", tenants.size(), o.getOrDefault("lanes", "4"), database);
            PipelineSettings defaults = PipelineSettings.defaults();
            PipelineSettings settings = defaults
                    .withCommitLanes(Integer.parseInt(o.getOrDefault("lanes", "4")))
                    .withBatching(Integer.parseInt(o.getOrDefault("batches", "" + defaults.maxBatchesPerTransaction())),
                            Duration.ofMillis(Long.parseLong(
                                    o.getOrDefault("batchWait", "" + defaults.maxBatchWait().toMillis()))));
            run(new TimedLog(log, Clock.systemUTC()), store, pool, settings,
                    new Traffic(tenants, Clock.systemUTC()), preload,
                    Integer.parseInt(o.getOrDefault("rounds", "1")), rate,
                    Integer.parseInt(o.getOrDefault("warmup", "0")), seconds,
                    Integer.parseInt(o.getOrDefault("appendSize", "100")));
        } finally {
            for (AutoCloseable c : cleanUp.reversed()) {
                c.close();
            }
            if (!Boolean.parseBoolean(o.getOrDefault("keep", "false"))) {
                admin(jdbc + "postgres", "drop database if exists " + database + " with (force)");
            }
        }
    }

    private static void run(TimedLog log, RollupStore store, ConnectionPool pool, PipelineSettings settings,
            Traffic traffic, int preload, int rounds, int rate, int warmup, int seconds, int appendSize) {
        PipelineStats stats = new PipelineStats();
        Disposable pipeline = null;
        try {
            for (int round = 1; round <= rounds; round++) {
                if (pipeline != null) {
                    pipeline.dispose();
                }
                long before = log.acknowledged();
                append(log, traffic, preload);
                stats = new PipelineStats();
                CpuUse cpu = CpuUse.now();
                long start = System.nanoTime();
                pipeline = pipeline(log, store, pool, settings, stats).start();
                awaitAcknowledged(log, before + preload, Duration.ofMinutes(20));
                double took = (System.nanoTime() - start) / 1e9;
                System.out.printf("throughput, round %d of %d%s: %d records (%d events applied, %d messages created) "
                                + "in %.1f s from start: %.0f records/s; %d transactions, %d windows applied%n", round,
                        rounds, round == 1 ? " (cold)" : "", preload, stats.eventsApplied(), stats.messagesCreated(),
                        took, preload / took, stats.batches(), stats.windowsApplied());
                System.out.printf("  CPU per record: %s%n", CpuUse.now().perRecordSince(cpu, preload));
            }
            if (warmup > 0) {
                long before = log.acknowledged();
                long warmed = paced(log, traffic, rate, warmup, appendSize);
                awaitAcknowledged(log, before + warmed, Duration.ofMinutes(5));
                System.out.printf("warm-up: %d records at %d records/s for %d s, not timed%n", warmed, rate, warmup);
            }
            log.recording(true);
            long target = log.acknowledged();
            CpuUse cpu = CpuUse.now();
            long appended = paced(log, traffic, rate, seconds, appendSize);
            awaitAcknowledged(log, target + appended, Duration.ofMinutes(5));
            CpuUse used = CpuUse.now();
            Histogram h = log.freshness();
            System.out.printf("freshness at %d records/s for %d s (%d appended, %.0f/s achieved): append -> rollup "
                            + "applied p50 %d ms, p90 %d ms, p99 %d ms, max %d ms (%d events)%n", rate, seconds,
                    appended, appended / (double) seconds, h.getValueAtPercentile(50) / 1000,
                    h.getValueAtPercentile(90) / 1000, h.getValueAtPercentile(99) / 1000, h.getMaxValue() / 1000,
                    h.getTotalCount());
            Histogram r = log.read();
            System.out.printf("  of which append -> read by the pipeline: p50 %d ms, p90 %d ms, p99 %d ms%n",
                    r.getValueAtPercentile(50) / 1000, r.getValueAtPercentile(90) / 1000,
                    r.getValueAtPercentile(99) / 1000);
            if (appended > 0) {
                System.out.printf("  CPU per record, appending included: %s%n", used.perRecordSince(cpu, appended));
            }
            System.out.printf("windows deferred to the sweep: %d, restarts: %d, dead letters: %d%n",
                    stats.windowsDeferred(), stats.restarts(), stats.deadLettered());
        } finally {
            if (pipeline != null) {
                pipeline.dispose();
            }
        }
    }

    private static RollupPipeline pipeline(EventLog log, RollupStore store, ConnectionPool pool,
            PipelineSettings settings, PipelineStats stats) {
        MessageStore messages = PostgresAdapters.messageStore(pool);
        RollupApplier applier = new RollupApplier(store, messages, settings, stats, Clock.systemUTC(),
                Schedulers.parallel());
        RollupRebuilder rebuilder = new RollupRebuilder(PostgresAdapters.rollupSource(pool), store,
                settings.consumerGroup(), Clock.systemUTC(), applier);
        return new RollupPipeline(log, new PostgresLogPositions(pool), messages, applier, rebuilder, settings, stats,
                Clock.systemUTC(), Schedulers.parallel());
    }

    /** Appends {@code n} records as fast as the log takes them, four appends of a thousand in flight. */
    private static void append(EventLog log, Traffic traffic, int n) {
        List<List<LogRecord>> chunks = new ArrayList<>();
        for (int done = 0; done < n; done += 1000) {
            chunks.add(traffic.next(Math.min(1000, n - done)));
        }
        long start = System.nanoTime();
        Flux.fromIterable(chunks).flatMap(log::append, 4).blockLast(Duration.ofMinutes(20));
        System.out.printf("preloaded %d records in %.1f s; records per partition (end offsets): %s%n", n,
                (System.nanoTime() - start) / 1e9, log.endOffsets().block(Duration.ofSeconds(30)));
    }

    /**
     * Appends {@code rate} records a second for {@code seconds}, a hundredth of a second's worth every 10 ms in
     * appends of {@code appendSize} records, as requests arriving side by side would: an append does not wait for the
     * one before it (up to 64 ticks in flight, beyond which ticks are dropped and the achieved rate falls short).
     */
    private static long paced(EventLog log, Traffic traffic, int rate, int seconds, int appendSize) {
        int perTick = Math.max(1, rate / 100);
        long ticks = seconds * 100L;
        return Flux.interval(Duration.ofMillis(10))
                .take(ticks)
                .onBackpressureDrop()
                .flatMap(t -> {
                    List<LogRecord> tick = traffic.next(perTick);
                    List<List<LogRecord>> appends = new ArrayList<>();
                    for (int from = 0; from < tick.size(); from += appendSize) {
                        appends.add(tick.subList(from, Math.min(tick.size(), from + appendSize)));
                    }
                    return Flux.fromIterable(appends).flatMap(a -> log.append(a).thenReturn((long) a.size()))
                            .reduce(0L, Long::sum);
                }, 64)
                .reduce(0L, Long::sum)
                .block(Duration.ofSeconds(seconds + 120L));
    }

    private static void awaitAcknowledged(TimedLog log, long n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (log.acknowledged() < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + log.acknowledged() + " of " + n + " acknowledged");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static EventLog kafkaLog(int partitions, Map<String, String> o, List<AutoCloseable> cleanUp) {
        KafkaTestBroker broker = KafkaTestBroker.shared();
        KafkaEventLogSettings d = KafkaEventLogSettings.defaults(broker.bootstrapServers())
                .withTopic("bench.events." + UUID.randomUUID().toString().substring(0, 8));
        KafkaEventLogSettings settings = new KafkaEventLogSettings(d.bootstrapServers(), d.topic(),
                d.transactionalIdPrefix(), d.appendTimeout(), d.maxBatchRecords(), d.maxPendingRecords(),
                Integer.parseInt(o.getOrDefault("producers", "" + d.producers())),
                Integer.parseInt(o.getOrDefault("kafkaRead", "" + d.readBatchRecords())),
                Integer.parseInt(o.getOrDefault("kafkaUnacknowledged", "" + d.maxUnacknowledged())),
                d.positionsTimeout(), d.producerOverrides(), consumerOverrides(o));
        KafkaEventLog log = KafkaEventLog.create(settings);
        cleanUp.add(log);
        log.createTopic(partitions, (short) 1).block(Duration.ofSeconds(60));
        return log;
    }

    /** Options named {@code consumer.<property>}: Kafka consumer properties over the log's own. */
    private static Map<String, Object> consumerOverrides(Map<String, String> o) {
        Map<String, Object> out = new HashMap<>();
        o.forEach((k, v) -> {
            if (k.startsWith("consumer.")) {
                out.put(k.substring("consumer.".length()), v);
            }
        });
        return out;
    }

    private static RollupStore redisStore(String url, List<AutoCloseable> cleanUp) {
        RedisClient client = RedisClient.create(url);
        client.setOptions(RedisClientOptions.atMostOnce(Duration.ofSeconds(2)));
        StatefulRedisConnection<String, String> connection = client.connect();
        String prefix = "fs-bench-" + System.nanoTime();
        cleanUp.add(client::shutdown);
        cleanUp.add(connection::close);
        cleanUp.add(() -> {
            List<String> keys = new ArrayList<>();
            ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(prefix + ":*").limit(1_000))
                    .forEachRemaining(keys::add);
            for (int i = 0; i < keys.size(); i += 500) {
                connection.sync().unlink(keys.subList(i, Math.min(keys.size(), i + 500)).toArray(String[]::new));
            }
        });
        return new RedisRollupStore(connection.reactive(), RedisRollupSettings.DEFAULT.withKeyPrefix(prefix),
                Clock.systemUTC());
    }

    /**
     * {@code n} tenants; over {@code partitions} > 1, as many on each partition of the topic as can be (the log's
     * partitioner hashes the tenant), so that the lanes share the work as they would under many tenants. Tenants
     * that would crowd a partition are made and left unused.
     */
    private static List<TenantId> tenants(String url, int n, int partitions) throws SQLException {
        List<TenantId> out = new ArrayList<>();
        int[] placed = new int[partitions];
        int perPartition = (n + partitions - 1) / partitions;
        try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement()) {
            for (int i = 0; out.size() < n; i++) {
                try (ResultSet r = s.executeQuery("select funnelstream_create_tenant('bench-" + i + "', 'bench')")) {
                    r.next();
                    TenantId tenant = TenantId.of(r.getString(1));
                    int p = partitionOf(tenant, partitions);
                    if (placed[p] < perPartition) {
                        placed[p]++;
                        out.add(tenant);
                    }
                }
            }
        }
        return out;
    }

    /** The partition Kafka's default partitioner gives the tenant's records (keyed by the tenant, as the log does). */
    private static int partitionOf(TenantId tenant, int partitions) {
        return Utils.toPositive(Utils.murmur2(tenant.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static void admin(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected name=value, got " + arg);
            }
            out.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return out;
    }
}
