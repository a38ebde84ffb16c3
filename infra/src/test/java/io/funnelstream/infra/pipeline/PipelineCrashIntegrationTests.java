package io.funnelstream.infra.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.infra.embedded.InMemoryRollupStore;
import io.funnelstream.testkit.PostgresTestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

/**
 * Exactly once through crashes: the pipeline is stopped at random moments (in a transaction, between commit and
 * store, after the store, during the start-up check) and started again, and in the end the rollups equal a recount
 * from the raw events in Postgres, for every key.
 */
class PipelineCrashIntegrationTests {

    @RegisterExtension
    static PostgresTestDatabase db = new PostgresTestDatabase();

    static PipelineFixture fixture;

    @BeforeAll
    static void migrate() {
        fixture = PipelineFixture.migrate(db);
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    @Test
    void shouldCountEveryRecordOnceWhenStoppedAtRandomMomentsAndRestarted() throws Exception {
        TenantId tenant = fixture.newTenant();
        TenantId other = fixture.newTenant();
        EventStreams streams = new EventStreams(7);
        List<LogRecord> records = streams.stream(List.of(
                new EventStreams.TenantPlan(tenant, fixture.newDistribution(tenant)),
                new EventStreams.TenantPlan(other, null)), 80);
        InMemoryRollupStore store = new InMemoryRollupStore(Clock.systemUTC());
        Random random = new Random(11);
        int chunk = records.size() / 12 + 1;

        for (int from = 0; from < records.size(); from += chunk) {
            PipelineFixture.Running running = fixture.start(store);
            fixture.append(records.subList(from, Math.min(records.size(), from + chunk)));
            stopAfter(running, Duration.ofMillis(random.nextInt(300)));
        }
        finish(store, streams, List.of(tenant, other));
    }

    @Test
    void shouldCountEveryRecordOnceWhenStoppedBetweenCommitAndStoreOrJustAfterTheStore() throws Exception {
        TenantId tenant = fixture.newTenant();
        EventStreams streams = new EventStreams(8);
        List<LogRecord> records = streams.stream(List.of(
                new EventStreams.TenantPlan(tenant, fixture.newDistribution(tenant))), 120);
        CrashingStore store = new CrashingStore(new InMemoryRollupStore(Clock.systemUTC()), 5, 0.3);
        LogRecord.MessageQueued last = streams.sentinel(tenant);
        List<LogRecord> all = new ArrayList<>(records);
        all.add(last);
        fixture.appendInChunks(all, 23);

        int restarts = 0;
        while (fixture.number("select count(*) from messages where id = ?", last.messageId()) == 0
                || fixture.number("select count(*) from rollup_outbox") > 0) {
            PipelineFixture.Running running = fixture.start(store);
            store.crashes(running.disposable());
            PipelineFixture.await("a crash or the end", () -> running.disposable().isDisposed()
                    || caughtUp(last));
            running.close();
            restarts++;
            assertThat(restarts).as("restarts").isLessThan(500);
        }

        assertThat(store.crashesBeforeApply()).isPositive();
        assertThat(store.crashesAfterApply()).isPositive();
        fixture.assertStoreEqualsRecount(store, List.of(tenant));
    }

    @Test
    void shouldRebuildFromPostgresWhenACrashLosesTheMemoryStore() throws Exception {
        TenantId tenant = fixture.newTenant();
        EventStreams streams = new EventStreams(9);
        List<LogRecord> records = streams.stream(List.of(new EventStreams.TenantPlan(tenant, null)), 60);
        int half = records.size() / 2;
        PipelineFixture.Running first = fixture.start(new InMemoryRollupStore(Clock.systemUTC()));
        fixture.append(records.subList(0, half));
        LogRecord.MessageQueued middle = streams.sentinel(tenant);
        fixture.append(List.of(middle));
        fixture.awaitApplied(List.of(middle.messageId()));
        first.close();

        InMemoryRollupStore fresh = new InMemoryRollupStore(Clock.systemUTC());
        fixture.append(records.subList(half, records.size()));
        finish(fresh, streams, List.of(tenant));
    }

    @Test
    void shouldCountOnceWithTwoPipelinesCompetingForTheSameLog() throws Exception {
        TenantId tenant = fixture.newTenant();
        EventStreams streams = new EventStreams(10);
        List<LogRecord> records = streams.stream(List.of(
                new EventStreams.TenantPlan(tenant, fixture.newDistribution(tenant))), 100);
        InMemoryRollupStore store = new InMemoryRollupStore(Clock.systemUTC());
        LogRecord.MessageQueued last = streams.sentinel(tenant);

        try (PipelineFixture.Running one = fixture.start(store); PipelineFixture.Running two = fixture.start(store)) {
            fixture.appendInChunks(records, 9);
            fixture.append(List.of(last));
            fixture.awaitApplied(List.of(last.messageId()));
            assertThat(one.stats().fencedBatches() + two.stats().fencedBatches()).isPositive();
        }
        fixture.assertStoreEqualsRecount(store, List.of(tenant));
    }

    private static boolean caughtUp(LogRecord.MessageQueued last) {
        return fixture.number("select count(*) from messages where id = ?", last.messageId()) == 1
                && fixture.number("select count(*) from rollup_outbox") == 0;
    }

    private static void stopAfter(PipelineFixture.Running running, Duration delay) {
        AtomicBoolean stopped = new AtomicBoolean();
        Mono.delay(delay).subscribe(x -> {
            running.close();
            stopped.set(true);
        });
        PipelineFixture.await("the pipeline stopped", stopped::get);
    }

    private static void finish(InMemoryRollupStore store, EventStreams streams, List<TenantId> tenants) {
        List<LogRecord> sentinels = tenants.stream().map(t -> (LogRecord) streams.sentinel(t)).toList();
        try (PipelineFixture.Running last = fixture.start(store)) {
            fixture.append(sentinels);
            fixture.awaitApplied(sentinels.stream().map(s -> ((LogRecord.MessageQueued) s).messageId()).toList());
            PipelineFixture.await("the start-up check", last.applier()::checked);
        }
        fixture.assertStoreEqualsRecount(store, tenants);
    }
}
