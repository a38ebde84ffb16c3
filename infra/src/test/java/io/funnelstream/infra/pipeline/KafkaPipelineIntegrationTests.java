package io.funnelstream.infra.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.pipeline.PipelineSettings;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.infra.kafka.KafkaEventLog;
import io.funnelstream.infra.kafka.KafkaEventLogSettings;
import io.funnelstream.infra.redis.RedisRollupStore;
import io.funnelstream.testkit.KafkaTestTopics;
import io.funnelstream.testkit.PostgresTestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.util.retry.Retry;

/**
 * The production path: Kafka (an in-process broker, three partitions) into Postgres and Redis. The broker restarts
 * mid-stream (appends retried, so some records are in the log twice) and the pipeline is replaced by another one
 * (a new consumer joins the group and seeks to the positions stored in Postgres); the rollups still equal the
 * recount.
 */
class KafkaPipelineIntegrationTests {

    @RegisterExtension
    static PostgresTestDatabase db = new PostgresTestDatabase();

    @RegisterExtension
    static final KafkaTestTopics kafka = new KafkaTestTopics();

    static PipelineFixture fixture;
    static PrivateRedis redis;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(PrivateRedis.available(), "redis-server is installed");
        fixture = PipelineFixture.migrate(db);
        redis = new PrivateRedis();
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
    void shouldCountExactlyOnceThroughABrokerRestartAndAConsumerHandOver() throws Exception {
        List<TenantId> tenants = new ArrayList<>();
        List<EventStreams.TenantPlan> plans = new ArrayList<>();
        Set<Integer> partitions = new HashSet<>();
        while (partitions.size() < 3 || tenants.size() < 4) {
            TenantId t = fixture.newTenant();
            if (partitions.add(partitionOf(t)) || partitions.size() == 3) {
                tenants.add(t);
                plans.add(new EventStreams.TenantPlan(t, tenants.size() % 2 == 0 ? fixture.newDistribution(t) : null));
            }
        }
        EventStreams streams = new EventStreams(31);
        List<LogRecord> records = streams.stream(plans, 40);
        int half = records.size() / 2;
        RedisRollupStore store = redis.store();
        PipelineSettings settings = PipelineFixture.settings().withConsumerGroup(kafka.group("rollups"));

        try (KafkaEventLog log = KafkaEventLog.create(
                KafkaEventLogSettings.defaults(kafka.bootstrapServers()).withTopic(kafka.topic("events")))) {
            log.createTopic(3, (short) 1).as(StepVerifier::create).expectComplete().verify(PipelineFixture.TIMEOUT);
            PipelineFixture.Running first = fixture.start(log, store, settings);
            append(log, records.subList(0, half));

            kafka.broker().restart();
            append(log, records.subList(half, records.size()));
            first.close();

            try (PipelineFixture.Running second = fixture.start(log, store, settings)) {
                List<LogRecord> sentinels = tenants.stream().map(t -> (LogRecord) streams.sentinel(t)).toList();
                append(log, sentinels);
                fixture.awaitApplied(sentinels.stream().map(s -> ((LogRecord.MessageQueued) s).messageId()).toList());
                assertThat(second.stats().records()).isPositive();
            }
        }
        assertThat(fixture.number("select count(distinct log_partition) from rollup_applied")).isEqualTo(3);
        fixture.assertStoreEqualsRecount(store, tenants);
    }

    /** Where Kafka's default partitioner puts the tenant's records (the key is the tenant id). */
    private static int partitionOf(TenantId tenant) {
        return Utils.toPositive(Utils.murmur2(tenant.toString().getBytes(StandardCharsets.UTF_8))) % 3;
    }

    private static void append(KafkaEventLog log, List<LogRecord> records) {
        List<List<LogRecord>> chunks = new ArrayList<>();
        for (int i = 0; i < records.size(); i += 25) {
            chunks.add(records.subList(i, Math.min(records.size(), i + 25)));
        }
        Flux.fromIterable(chunks)
                .concatMap(chunk -> log.append(chunk).retryWhen(Retry.backoff(30, Duration.ofMillis(200))))
                .as(StepVerifier::create)
                .expectComplete()
                .verify(Duration.ofSeconds(120));
    }
}
