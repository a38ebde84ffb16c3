package io.funnelstream.infra.pipeline;

import io.funnelstream.engine.pipeline.PipelineSettings;
import io.funnelstream.engine.pipeline.PipelineStats;
import io.funnelstream.engine.pipeline.RollupApplier;
import io.funnelstream.engine.pipeline.RollupPipeline;
import io.funnelstream.engine.pipeline.RollupRebuilder;
import io.funnelstream.engine.port.MessageStore;
import io.funnelstream.infra.embedded.PostgresEventLog;
import io.funnelstream.infra.eventlog.PostgresLogPositions;
import io.funnelstream.infra.postgres.PostgresAdapters;
import io.funnelstream.infra.postgres.PostgresConnectionFactories;
import io.funnelstream.infra.postgres.PostgresSettings;
import io.funnelstream.infra.redis.RedisClientOptions;
import io.funnelstream.infra.redis.RedisRollupSettings;
import io.funnelstream.infra.redis.RedisRollupStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.r2dbc.pool.ConnectionPool;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import reactor.core.scheduler.Schedulers;

/**
 * A pipeline in a JVM of its own, for tests that kill it with SIGKILL: {@code host port database redisPort}. Runs
 * until it is killed; nothing of it gets a chance to clean up.
 */
public final class PipelineProcess {

    private PipelineProcess() {}

    public static void main(String[] args) throws InterruptedException {
        ConnectionPool pool = PostgresConnectionFactories.pooled(PostgresSettings.of(
                args[0], Integer.parseInt(args[1]), args[2], "funnelstream_app", null).withPool(2, 8));
        RedisURI uri = RedisURI.create("127.0.0.1", Integer.parseInt(args[3]));
        RedisClient client = RedisClient.create(uri);
        client.setOptions(RedisClientOptions.atMostOnce(java.time.Duration.ofSeconds(1)));
        RedisRollupStore store = new RedisRollupStore(client.connect().reactive(),
                RedisRollupSettings.DEFAULT.withKeyPrefix("fs"), Clock.systemUTC());
        PostgresEventLog log = PostgresEventLog.create(pool);
        MessageStore messages = PostgresAdapters.messageStore(pool);
        PipelineSettings settings = PipelineFixture.settings();
        PipelineStats stats = new PipelineStats();
        RollupApplier applier = new RollupApplier(store, messages, settings, stats, Clock.systemUTC(),
                Schedulers.parallel());
        RollupRebuilder rebuilder = new RollupRebuilder(PostgresAdapters.rollupSource(pool), store,
                settings.consumerGroup(), Clock.systemUTC(), applier);
        new RollupPipeline(log, new PostgresLogPositions(pool), messages, applier, rebuilder, settings, stats,
                Clock.systemUTC(), Schedulers.parallel()).start();
        System.out.println("pipeline started");
        new CountDownLatch(1).await();
    }
}
