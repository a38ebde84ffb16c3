package io.funnelstream.infra.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupsChanged;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.Counter;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupKey;
import io.funnelstream.engine.rollup.Scope;
import io.funnelstream.engine.rollup.WindowId;
import io.funnelstream.engine.stream.FiguresReader;
import io.funnelstream.engine.stream.HubSettings;
import io.funnelstream.engine.stream.ScopeHub;
import io.funnelstream.engine.stream.StreamItem;
import io.funnelstream.engine.stream.StreamListener;
import io.funnelstream.engine.stream.TrailingRange;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Two instances as they run in production, minus HTTP: each has its own feed and hubs, both share one Redis for
 * rollups and changes. A window applied and announced by instance one reaches a client of instance two.
 */
class CrossInstanceStreamIntegrationTests {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Clock CLOCK = Clock.systemUTC();

    final LocalRedis redis = LocalRedis.connect();
    final String channel = redis.prefix() + ":rollups:changed";
    final RedisRollupStore store = new RedisRollupStore(
            redis.connection().reactive(), RedisRollupSettings.DEFAULT.withKeyPrefix(redis.prefix()), CLOCK);
    final List<StatefulRedisPubSubConnection<String, String>> pubSubs = new ArrayList<>();
    final TenantId tenant = TenantId.random();

    @AfterEach
    void close() {
        pubSubs.forEach(StatefulRedisPubSubConnection::close);
        redis.close();
    }

    record Instance(RedisRollupChangeFeed feed, ScopeHub hub) {}

    Instance instance() {
        StatefulRedisPubSubConnection<String, String> pubSub = redis.client().connectPubSub();
        pubSubs.add(pubSub);
        RedisRollupChangeFeed feed =
                new RedisRollupChangeFeed(redis.connection().reactive(), pubSub.reactive(), channel, 64);
        FiguresReader reader = new FiguresReader(store::read, CLOCK, List.of(TrailingRange.TODAY));
        ScopeHub hub = new ScopeHub(feed, reader, new HubSettings(Duration.ofMillis(50), Duration.ofSeconds(5), 16),
                CLOCK, Schedulers.parallel(), StreamListener.NONE);
        return new Instance(feed, hub);
    }

    long sent(StreamItem item) {
        var event = item instanceof StreamItem.Snapshot s ? s.event() : ((StreamItem.Delta) item).event();
        return event.figures().ranges().get("today").report().counts().get(Counter.reached(Stage.SENT));
    }

    @Test
    void shouldShowAClientOfOneInstanceAWindowAppliedByAnother() {
        Instance one = instance();
        Instance two = instance();
        RollupKey key = RollupKey.containing(tenant, Scope.all(), BucketSize.DAY, CLOCK.instant());
        RollupDelta delta = RollupDelta.builder().add(key, Counter.reached(Stage.SENT), 4).build();
        store.apply(tenant, new WindowId("p0", 1, 1), delta).block(TIMEOUT);
        RollupsChanged change = new RollupsChanged(tenant, Set.of(Scope.all()));
        // Pub/sub subscribes asynchronously: announce until the other instance has heard.
        var announcing = Flux.interval(Duration.ofMillis(100)).take(50)
                .concatMap(i -> one.feed().publish(change).thenReturn(i));
        reactor.core.Disposable.Swap running = reactor.core.Disposables.swap();
        try {
            StepVerifier.create(two.hub().connect(tenant, Scope.all(), null).map(this::sent))
                    .expectNext(4L)
                    .then(() -> store.apply(tenant, new WindowId("p0", 2, 2), delta).block(TIMEOUT))
                    .then(() -> running.update(announcing.subscribe()))
                    .expectNext(8L)
                    .thenCancel()
                    .verify(TIMEOUT);
        } finally {
            running.dispose();
        }
        assertThat(two.hub().activeScopes()).isEqualTo(1);
        assertThat(one.hub().activeScopes()).isZero();
    }
}
