package io.funnelstream.infra.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupKey;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupSnapshot;
import io.funnelstream.engine.rollup.Scope;
import io.funnelstream.infra.contract.RollupStoreContract;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class RedisRollupStoreIntegrationTests extends RollupStoreContract {

    private static LocalRedis redis;
    private static RedisRollupStore store;

    @BeforeAll
    static void connect() {
        redis = LocalRedis.connect();
        store = newStore();
    }

    @AfterAll
    static void cleanUp() {
        redis.close();
    }

    private static RedisRollupStore newStore() {
        RedisRollupSettings settings = RedisRollupSettings.DEFAULT.withKeyPrefix(redis.prefix());
        return new RedisRollupStore(redis.connection().reactive(), settings, CLOCK);
    }

    @Override
    protected RollupStore store() {
        return store;
    }

    @Test
    void shouldReloadTheScriptAfterRedisForgetsIt() {
        TenantId tenant = TenantId.random();
        RedisCommands<String, String> sync = redis.connection().sync();
        expect(store.apply(tenant, window(0, 0), add(hourKey(tenant, NOW), "stage.sent", 1)), true);
        assertThat(sync.scriptExists(ApplyWindowScript.SHA)).containsExactly(true);

        sync.scriptFlush();
        assertThat(sync.scriptExists(ApplyWindowScript.SHA)).containsExactly(false);
        expect(store.apply(tenant, window(1, 1), add(hourKey(tenant, NOW), "stage.sent", 1)), true);
        expect(store.apply(tenant, window(1, 1), add(hourKey(tenant, NOW), "stage.sent", 1)), false);

        assertThat(sync.scriptExists(ApplyWindowScript.SHA)).containsExactly(true);
        assertThat(hour(tenant, NOW).get("stage.sent")).isEqualTo(2);
    }

    @Test
    void shouldReadWholeOnlyTheBucketsWrittenSinceTheLastRead() {
        TenantId tenant = TenantId.random();
        RollupKey older = hourKey(tenant, HOUR_AGO);
        RollupKey newer = hourKey(tenant, NOW);
        RollupQuery both = new RollupQuery(tenant, Scope.all(), BucketSize.HOUR, older.bucketStart(),
                newer.bucketStart().plus(Duration.ofHours(1)));
        expect(store.apply(tenant, window(0, 0),
                RollupDelta.builder().add(older, "stage.sent", 2).add(newer, "stage.sent", 1).build()), true);
        assertThat(read(both).totals().get("stage.sent")).isEqualTo(3);

        long before = store.hashesRead();
        assertThat(read(both).totals().get("stage.sent")).isEqualTo(3);
        assertThat(store.hashesRead()).as("nothing written since").isEqualTo(before);

        expect(store.apply(tenant, window(1, 1), add(newer, "stage.sent", 4)), true);
        assertThat(read(both).bucket(newer.bucketStart()).get("stage.sent")).isEqualTo(5);
        assertThat(store.hashesRead()).as("only the bucket written").isEqualTo(before + 1);

        RedisRollupStore elsewhere = newStore();
        expect(elsewhere.apply(tenant, window(2, 2), add(older, "stage.delivered", 1)), true);
        assertThat(read(both).bucket(older.bucketStart()).get("stage.delivered"))
                .as("a write of another instance").isEqualTo(1);

        StepVerifier.create(elsewhere.replaceAll(tenant, add(older, "stage.sent", 9))).expectComplete().verify(TIMEOUT);
        RollupSnapshot rebuilt = read(both);
        assertThat(rebuilt.bucket(older.bucketStart()).values()).containsExactly(Map.entry("stage.sent", 9L));
        assertThat(rebuilt.buckets()).doesNotContainKey(newer.bucketStart());

        redis.connection().sync().del(redis.prefix() + ":{" + tenant + "}:r:all:h:"
                + older.bucketStart().getEpochSecond());
        assertThat(read(both).buckets()).as("a hash gone from Redis").isEmpty();
    }

    @Test
    void shouldReadHashesWrittenBeforeVersionsEveryTime() {
        TenantId tenant = TenantId.random();
        RollupKey key = hourKey(tenant, HOUR_AGO);
        String name = redis.prefix() + ":{" + tenant + "}:r:all:h:" + key.bucketStart().getEpochSecond();
        RedisCommands<String, String> sync = redis.connection().sync();
        sync.hset(name, "stage.sent", "3");

        assertThat(hour(tenant, HOUR_AGO).get("stage.sent")).isEqualTo(3);
        sync.hincrby(name, "stage.sent", 1);

        assertThat(hour(tenant, HOUR_AGO).get("stage.sent")).isEqualTo(4);
    }

    @Test
    void shouldRecogniseAWindowAppliedBeforeTheServiceRestarted() {
        TenantId tenant = TenantId.random();
        RollupDelta delta = add(hourKey(tenant, NOW), "stage.sent", 1);
        expect(store.apply(tenant, window(5, 8), delta), true);

        expect(newStore().apply(tenant, window(5, 8), delta), false);
    }

    @Test
    void shouldKeyRollupsByTenantHashTagAndExpireThemBySize() {
        TenantId tenant = TenantId.random();
        Instant at = NOW.minusSeconds(90);
        RollupDelta.Builder delta = RollupDelta.builder();
        for (BucketSize size : BucketSize.values()) {
            delta.add(RollupKey.containing(tenant, Scope.channel(Channel.EMAIL), size, at), "opens", 2);
        }
        expect(store.apply(tenant, window(3, 4), delta.build()), true);

        String base = redis.prefix() + ":{" + tenant + "}:";
        String minute = base + "r:ch=email:m:" + BucketSize.MINUTE.start(at).getEpochSecond();
        String hour = base + "r:ch=email:h:" + BucketSize.HOUR.start(at).getEpochSecond();
        String day = base + "r:ch=email:d:" + BucketSize.DAY.start(at).getEpochSecond();
        assertThat(redis.keys()).filteredOn(k -> k.startsWith(base))
                .containsExactlyInAnyOrder(minute, hour, day, base + "w:events-0/3-4", base + "meta");
        RedisCommands<String, String> sync = redis.connection().sync();
        assertThat(sync.hgetall(minute)).containsEntry("opens", "2").containsKey(RedisRollupStore.VERSION)
                .hasSize(2);
        assertExpiresAt(sync, minute, end(BucketSize.MINUTE, at).plus(Duration.ofHours(48)));
        assertExpiresAt(sync, hour, end(BucketSize.HOUR, at).plus(Duration.ofDays(90)));
        assertExpiresAt(sync, day, end(BucketSize.DAY, at).plus(Duration.ofDays(1_096)));
        assertExpiresAt(sync, base + "w:events-0/3-4", Instant.now().plus(Duration.ofDays(7)));
        assertThat(sync.ttl(base + "meta")).isEqualTo(-1);
    }

    @Test
    void shouldMarkARebuildThatDidNotFinish() {
        TenantId tenant = TenantId.random();
        String meta = redis.prefix() + ":{" + tenant + "}:meta";
        redis.connection().sync().hset(meta, "rebuilding", "1");

        expect(store.mark(tenant).map(m -> m.needsRebuild() && !m.isEmpty()), true);
        StepVerifier.create(store.replaceAll(tenant, RollupDelta.empty())).expectComplete().verify(TIMEOUT);
        expect(store.mark(tenant).map(m -> m.needsRebuild()), false);
    }

    private static Instant end(BucketSize size, Instant at) {
        return size.start(at).plus(size.length());
    }

    private static void assertExpiresAt(RedisCommands<String, String> sync, String key, Instant expected) {
        long ttl = sync.ttl(key);
        long expectedTtl = Duration.between(Instant.now(), expected).toSeconds();
        assertThat(ttl).as("TTL of %s", key).isBetween(expectedTtl - 5, expectedTtl + 5);
    }
}
