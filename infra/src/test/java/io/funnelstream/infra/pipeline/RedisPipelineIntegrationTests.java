package io.funnelstream.infra.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.pipeline.RebuildOutcome;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.infra.redis.RedisRollupStore;
import io.funnelstream.testkit.PostgresTestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/**
 * The pipeline with Redis as the store, on a redis-server of the test's own: the stream counted exactly once, Redis
 * going away mid-stream (ingestion goes on, windows wait in the outbox, rollups catch up when it is back), Redis
 * coming back empty (the start-up check rebuilds) and flushed mid-stream (a rebuild restores it).
 */
class RedisPipelineIntegrationTests {

    @RegisterExtension
    static PostgresTestDatabase db = new PostgresTestDatabase();

    static PipelineFixture fixture;
    static PrivateRedis redis;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(PrivateRedis.available(), "redis-server is installed");
        fixture = PipelineFixture.migrate(db);
        redis = new PrivateRedis();
    }

    @BeforeEach
    void redisRuns() {
        redis.ensureRunning();
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void shouldGoOnWithoutRedisAndCatchUpWhenItIsBack() throws Exception {
        TenantId tenant = fixture.newTenant();
        EventStreams streams = new EventStreams(21);
        List<LogRecord> records = streams.stream(List.of(
                new EventStreams.TenantPlan(tenant, fixture.newDistribution(tenant))), 90);
        int third = records.size() / 3;
        RedisRollupStore store = redis.store();

        try (PipelineFixture.Running running = fixture.start(store)) {
            fixture.append(records.subList(0, third));
            LogRecord.MessageQueued first = streams.sentinel(tenant);
            fixture.append(List.of(first));
            fixture.awaitApplied(List.of(first.messageId()));
            PipelineFixture.await("current", () -> running.applier().isCurrentNow(tenant));

            redis.stop();
            fixture.append(records.subList(third, 2 * third));
            LogRecord.MessageQueued during = streams.sentinel(tenant);
            fixture.append(List.of(during));
            PipelineFixture.await("Postgres applied while Redis is down", () -> fixture.number(
                    "select count(*) from messages where id = ?", during.messageId()) == 1);
            PipelineFixture.await("the store found failing", () -> !running.applier().isCurrentNow(tenant));
            assertThat(fixture.number("select count(*) from rollup_outbox")).isPositive();

            redis.start();
            fixture.append(records.subList(2 * third, records.size()));
            LogRecord.MessageQueued last = streams.sentinel(tenant);
            fixture.append(List.of(last));
            fixture.awaitApplied(List.of(last.messageId()));
            assertThat(running.stats().windowsDeferred()).isPositive();
            PipelineFixture.await("current again", () -> running.applier().isCurrentNow(tenant));
        }
        // Redis came back empty: the pipeline rebuilt it from Postgres before giving it the waiting windows.
        fixture.assertStoreEqualsRecount(store, List.of(tenant));
    }

    @Test
    void shouldRebuildAtStartWhenRedisCameBackEmpty() throws Exception {
        TenantId tenant = fixture.newTenant();
        EventStreams streams = new EventStreams(22);
        List<LogRecord> records = streams.stream(List.of(new EventStreams.TenantPlan(tenant, null)), 50);
        RedisRollupStore store = redis.store();
        try (PipelineFixture.Running running = fixture.start(store)) {
            fixture.append(records);
            LogRecord.MessageQueued last = streams.sentinel(tenant);
            fixture.append(List.of(last));
            fixture.awaitApplied(List.of(last.messageId()));
            assertThat(running.stats().records()).isPositive();
        }
        redis.stop();
        redis.start();

        try (PipelineFixture.Running running = fixture.start(store)) {
            PipelineFixture.await("the start-up check", running.applier()::checked);
        }
        fixture.assertStoreEqualsRecount(store, List.of(tenant));
    }

    @Test
    void shouldEqualTheRecountAfterAFlushMidStreamAndARebuild() throws Exception {
        TenantId tenant = fixture.newTenant();
        EventStreams streams = new EventStreams(23);
        List<LogRecord> records = streams.stream(List.of(
                new EventStreams.TenantPlan(tenant, fixture.newDistribution(tenant))), 80);
        int half = records.size() / 2;
        RedisRollupStore store = redis.store();
        try (PipelineFixture.Running running = fixture.start(store)) {
            fixture.appendInChunks(records.subList(0, half), 11);
            redis.flushAll();
            fixture.appendInChunks(records.subList(half, records.size()), 11);
            StepVerifier.create(running.rebuilder().rebuild(tenant))
                    .assertNext(o -> assertThat(o).isInstanceOf(RebuildOutcome.Rebuilt.class))
                    .expectComplete()
                    .verify(PipelineFixture.TIMEOUT);
            LogRecord.MessageQueued last = streams.sentinel(tenant);
            fixture.append(List.of(last));
            fixture.awaitApplied(List.of(last.messageId()));
        }
        fixture.assertStoreEqualsRecount(store, List.of(tenant));
    }
}
