package io.funnelstream.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.ConsumerGroups;
import io.funnelstream.engine.port.EventLogUnavailableException;
import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogEntry;
import io.funnelstream.engine.port.LogPositions;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.infra.eventlog.PostgresLogPositions;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Runs against the local Postgres in a database of its own, created and dropped here with plain JDBC and
 * migrated with this branch's changelog; the application's role reads and writes, as in production.
 */
class PostgresEventLogIntegrationTests {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DATABASE = "fs_eventlog_" + UUID.randomUUID().toString().substring(0, 8);
    private static ConnectionPool pool;

    private final PostgresEventLog log = new PostgresEventLog(pool,
            new PostgresEventLogSettings(1000, 50_000, Duration.ofSeconds(5), 500, Duration.ofSeconds(30)),
            Schedulers.parallel());

    @BeforeAll
    static void createDatabase() throws Exception {
        adminSql("postgres", "create database " + DATABASE);
        adminSql(DATABASE, """
                do $$ begin
                  if not exists (select 1 from pg_roles where rolname = 'funnelstream_app') then
                    create role funnelstream_app login nosuperuser nobypassrls;
                  end if;
                exception when duplicate_object or unique_violation then null;
                end $$""");
        migrate(DATABASE);
        pool = new ConnectionPool(ConnectionPoolConfiguration.builder(new PostgresqlConnectionFactory(
                        PostgresqlConnectionConfiguration.builder()
                                .host("127.0.0.1").port(5432).database(DATABASE).username("funnelstream_app")
                                .build()))
                .maxSize(8)
                .build());
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (pool != null) {
            pool.disposeLater().block(Duration.ofSeconds(10));
        }
        adminSql("postgres", "drop database if exists " + DATABASE + " with (force)");
    }

    @BeforeEach
    void emptyTheLog() throws Exception {
        adminSql(DATABASE, "truncate event_log, event_log_positions");
    }

    @Test
    void shouldReadBackAppendedRecordsInOrderWithTheirPositions() {
        TenantId tenant = TenantId.random();
        List<LogRecord> first = records(tenant, 0, 3);
        List<LogRecord> second = records(tenant, 3, 2);

        log.append(first).then(log.append(second))
                .as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(10));

        log.consume(ConsumerGroups.ROLLUPS, LogPositions.fromBeginning())
                .flatMapIterable(LogBatch::entries)
                .take(5)
                .collectList()
                .as(StepVerifier::create)
                .assertNext(entries -> {
                    assertThat(entries).extracting(LogEntry::record)
                            .containsExactlyElementsOf(concat(first, second));
                    assertThat(entries).allSatisfy(e -> assertThat(e.position().partition()).isZero());
                    assertThat(entries).extracting(e -> e.position().offset()).isSorted().doesNotHaveDuplicates();
                })
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void shouldKeepEveryRecordOfOneWriteWholeWhateverItsLengthAndCharacters() {
        TenantId tenant = TenantId.random();
        Instant at = Instant.parse("2026-11-20T12:00:00Z");
        String[] reasons = {
            null, "", "a", "quote \" and back\\slash", "ünïcødé ✓ 絵文字 😀", "{\"json\": [1, 2]}", "x".repeat(5000),
            "line\nbreak\ttab", "'single'", "NULL"
        };
        List<LogRecord> records = IntStream.range(0, reasons.length)
                .mapToObj(i -> LogRecord.of(new MessageEvent(tenant, Channel.EMAIL, Provider.SENDGRID, "evt-" + i,
                        "msg-" + i, null, EventType.BOUNCED, at.plusSeconds(i), at.plusSeconds(i), null, null,
                        reasons[i], null, null, false, "bounce")))
                .toList();

        log.append(records).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(10));

        log.consume(ConsumerGroups.ROLLUPS, LogPositions.fromBeginning())
                .flatMapIterable(LogBatch::entries)
                .take(records.size())
                .map(LogEntry::record)
                .collectList()
                .as(StepVerifier::create)
                .assertNext(read -> assertThat(read).containsExactlyElementsOf(records))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void shouldResumeAfterStoredPositionsAndRefuseToApplyABatchTwice() {
        TenantId tenant = TenantId.random();
        PostgresLogPositions positions = new PostgresLogPositions(pool);
        log.append(records(tenant, 0, 4)).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(10));
        LogBatch firstBatch = log.consume("test.positions", positions).blockFirst(Duration.ofSeconds(10));
        assertThat(firstBatch).isNotNull();
        assertThat(firstBatch.entries()).hasSize(4);

        assertThat(saveInTransaction("test.positions", firstBatch)).isTrue();
        assertThat(saveInTransaction("test.positions", firstBatch)).isFalse();
        List<LogRecord> later = records(tenant, 4, 2);
        log.append(later).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(10));

        log.consume("test.positions", positions)
                .flatMapIterable(LogBatch::entries)
                .take(2)
                .map(LogEntry::record)
                .collectList()
                .as(StepVerifier::create)
                .assertNext(records -> assertThat(records).containsExactlyElementsOf(later))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void shouldWakeAnIdleReaderWhenThisProcessAppends() {
        List<LogRecord> records = records(TenantId.random(), 0, 1);

        StepVerifier.create(log.consume(ConsumerGroups.ROLLUPS, LogPositions.fromBeginning()).take(1))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(300))
                .then(() -> log.append(records).subscribe())
                .assertNext(batch -> assertThat(batch.entries()).extracting(LogEntry::record).isEqualTo(records))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void shouldHandWhatThisProcessCommittedToAReaderAtItsPositionWithoutReadingItBack() throws Exception {
        List<LogRecord> records = records(TenantId.random(), 0, 3);
        log.append(records).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(10));
        long first = count("select min(seq) from event_log");
        // Gone from the table: only the committed tail can still hand them over.
        adminSql(DATABASE, "delete from event_log");

        log.consume(ConsumerGroups.ROLLUPS, (group, partitions) -> Mono.just(Map.of(PostgresEventLog.PARTITION, first)))
                .flatMapIterable(LogBatch::entries)
                .take(3)
                .collectList()
                .as(StepVerifier::create)
                .assertNext(entries -> {
                    assertThat(entries).extracting(LogEntry::record).containsExactlyElementsOf(records);
                    assertThat(entries).extracting(e -> e.position().offset()).containsExactly(first, first + 1,
                            first + 2);
                })
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void shouldNotSkipWhatAnotherProcessCommittedBetweenThisOnesWrites() throws Exception {
        PostgresEventLog other = new PostgresEventLog(pool, PostgresEventLogSettings.defaults(), Schedulers.parallel());
        TenantId tenant = TenantId.random();
        List<LogRecord> mine = records(tenant, 0, 1);
        List<LogRecord> theirs = records(tenant, 1, 2);
        List<LogRecord> mineAgain = records(tenant, 3, 1);
        log.append(mine).then(other.append(theirs)).then(log.append(mineAgain))
                .as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(10));
        long first = count("select min(seq) from event_log");

        // The first record is in this process's committed tail, the next is not: it must read the table from there.
        log.consume(ConsumerGroups.ROLLUPS, (group, partitions) -> Mono.just(Map.of(PostgresEventLog.PARTITION, first)))
                .flatMapIterable(LogBatch::entries)
                .take(4)
                .collectList()
                .as(StepVerifier::create)
                .assertNext(entries -> {
                    assertThat(entries).extracting(LogEntry::record)
                            .containsExactlyElementsOf(concat(concat(mine, theirs), mineAgain));
                    assertThat(entries).extracting(e -> e.position().offset()).isSorted().doesNotHaveDuplicates();
                })
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void shouldGroupConcurrentAppendsIntoFewTransactionsAndStoreEachOnce() throws Exception {
        TenantId tenant = TenantId.random();
        int appends = 2000;

        Flux.range(0, appends)
                .flatMap(i -> log.append(records(tenant, i, 1)), appends)
                .as(StepVerifier::create)
                .expectComplete()
                .verify(Duration.ofSeconds(60));

        assertThat(count("select count(*) from event_log")).isEqualTo(appends);
        assertThat(count("select count(distinct payload) from event_log")).isEqualTo(appends);
        assertThat(log.writtenRecords()).isEqualTo(appends);
        assertThat(log.writeTransactions()).isLessThan(appends / 10);
    }

    @Test
    void shouldLetATailingReaderSeeEveryRecordOnceWithSeveralWritesInFlight() {
        PostgresEventLog pipelined = new PostgresEventLog(pool,
                new PostgresEventLogSettings(50, 50_000, Duration.ofSeconds(10), 100, Duration.ofMillis(50))
                        .withWritesInFlight(4),
                Schedulers.parallel());
        TenantId tenant = TenantId.random();
        int appends = 3000;
        Mono<List<LogEntry>> tail = pipelined.consume(ConsumerGroups.ROLLUPS, LogPositions.fromBeginning())
                .flatMapIterable(LogBatch::entries)
                .take(appends)
                .collectList()
                .cache();
        tail.subscribe(null, e -> {});

        Flux.range(0, appends)
                .flatMap(i -> pipelined.append(records(tenant, i, 1)), 256)
                .as(StepVerifier::create)
                .expectComplete()
                .verify(Duration.ofSeconds(60));

        tail.as(StepVerifier::create)
                .assertNext(entries -> {
                    assertThat(entries).extracting(LogEntry::record).doesNotHaveDuplicates()
                            .containsExactlyInAnyOrderElementsOf(records(tenant, 0, appends));
                    assertThat(entries).extracting(e -> e.position().offset()).isSorted().doesNotHaveDuplicates();
                })
                .expectComplete()
                .verify(Duration.ofSeconds(30));
        assertThat(pipelined.writeTransactions()).isGreaterThan(appends / 50);
    }

    @Test
    void shouldSustainManyConcurrentSingleEventAppends() throws Exception {
        TenantId tenant = TenantId.random();
        int appends = 20_000;
        List<List<LogRecord>> requests = IntStream.range(0, appends).mapToObj(i -> records(tenant, i, 1)).toList();
        long started = System.nanoTime();

        Flux.fromIterable(requests)
                .flatMap(log::append, 512)
                .as(StepVerifier::create)
                .expectComplete()
                .verify(Duration.ofSeconds(60));

        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "group commit: %d single-event appends in %.2f s = %.0f appends/s, %d transactions%n",
                appends, seconds, appends / seconds, log.writeTransactions());
        assertThat(count("select count(*) from event_log")).isEqualTo(appends);
    }

    @Test
    void shouldFailAppendsWithUnavailableWhenThereIsNoDatabase() {
        ConnectionFactory nowhere = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host("127.0.0.1").port(1).database(DATABASE).username("funnelstream_app")
                .connectTimeout(Duration.ofSeconds(1))
                .build());
        PostgresEventLog unreachable = new PostgresEventLog(nowhere, PostgresEventLogSettings.defaults(),
                Schedulers.parallel());

        unreachable.append(records(TenantId.random(), 0, 2))
                .as(StepVerifier::create)
                .expectError(EventLogUnavailableException.class)
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void shouldRollTheMigrationBackAndForth() throws Exception {
        String scratch = DATABASE + "_rb";
        adminSql("postgres", "create database " + scratch);
        try (java.sql.Connection jdbc = DriverManager.getConnection(SERVER + scratch, "postgres", "")) {
            Database db = liquibaseDatabase(jdbc);
            @SuppressWarnings("deprecation")
            Liquibase liquibase = new Liquibase("db/migrations/changelog.yaml", new ClassLoaderResourceAccessor(), db);
            liquibase.update(new Contexts(), new LabelExpression());
            liquibase.rollback(changesetsSinceTheEventLog(jdbc), null);
            assertThat(tables(jdbc)).doesNotContain("event_log", "event_log_positions");
            liquibase.update(new Contexts(), new LabelExpression());
            assertThat(tables(jdbc)).contains("event_log", "event_log_positions");
        } finally {
            adminSql("postgres", "drop database if exists " + scratch + " with (force)");
        }
    }

    /** The event log's two changesets and any added after them. */
    private static int changesetsSinceTheEventLog(java.sql.Connection jdbc) throws SQLException {
        try (Statement s = jdbc.createStatement(); ResultSet r = s.executeQuery("""
                select count(*) from databasechangelog where orderexecuted >=
                    (select orderexecuted from databasechangelog where id = '090-event-log')""")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static boolean saveInTransaction(String group, LogBatch batch) {
        return Mono.usingWhen(pool.create(),
                        (Connection c) -> Mono.from(c.beginTransaction())
                                .then(PostgresLogPositions.save(c, group, batch))
                                .flatMap(saved -> Mono.from(saved ? c.commitTransaction() : c.rollbackTransaction())
                                        .thenReturn(saved)),
                        Connection::close)
                .block(Duration.ofSeconds(10));
    }

    static List<LogRecord> records(TenantId tenant, int from, int count) {
        Instant at = Instant.parse("2026-11-20T12:00:00.123456Z");
        return IntStream.range(from, from + count)
                .mapToObj(i -> LogRecord.of(new MessageEvent(tenant, Channel.EMAIL, Provider.SENDGRID, "evt-" + i,
                        "msg-" + i, null, EventType.DELIVERED, at.plusSeconds(i), at.plusSeconds(i + 1),
                        "r" + i + "@example.com", null, null, null, null, false, "delivered")))
                .toList();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static long count(String sql) throws SQLException {
        try (java.sql.Connection c = DriverManager.getConnection(SERVER + DATABASE, "postgres", "");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static List<String> tables(java.sql.Connection jdbc) throws SQLException {
        try (Statement s = jdbc.createStatement();
                ResultSet r = s.executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
            List<String> names = new ArrayList<>();
            while (r.next()) {
                names.add(r.getString(1));
            }
            return names;
        }
    }

    private static void adminSql(String database, String sql) throws SQLException {
        try (java.sql.Connection c = DriverManager.getConnection(SERVER + database, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Test-only: applies this branch's changelog; production runs migrations through the infra entry point. */
    private static void migrate(String database) throws Exception {
        try (java.sql.Connection jdbc = DriverManager.getConnection(SERVER + database, "postgres", "")) {
            @SuppressWarnings("deprecation")
            Liquibase liquibase = new Liquibase("db/migrations/changelog.yaml", new ClassLoaderResourceAccessor(),
                    liquibaseDatabase(jdbc));
            liquibase.update(new Contexts(), new LabelExpression());
        }
    }

    private static Database liquibaseDatabase(java.sql.Connection jdbc) throws Exception {
        return DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(jdbc));
    }
}
