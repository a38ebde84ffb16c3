package io.funnelstream.infra.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupsChanged;
import io.funnelstream.engine.rollup.Scope;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Two feeds on one Redis stand for two instances: what one publishes, both see. */
class RedisRollupChangeFeedIntegrationTests {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final LocalRedis redis = LocalRedis.connect();
    final String channel = redis.prefix() + ":rollups:changed";
    final List<StatefulRedisPubSubConnection<String, String>> pubSubs = new ArrayList<>();
    final TenantId tenant = TenantId.random();

    @AfterEach
    void close() {
        pubSubs.forEach(StatefulRedisPubSubConnection::close);
        redis.close();
    }

    RedisRollupChangeFeed feed() {
        StatefulRedisPubSubConnection<String, String> pubSub = redis.client().connectPubSub();
        pubSubs.add(pubSub);
        return new RedisRollupChangeFeed(redis.connection().reactive(), pubSub.reactive(), channel, 16);
    }

    /** Pub/sub subscribes asynchronously: publish again and again until the subscriber has it. */
    static Flux<Long> repeatedly(reactor.core.publisher.Mono<Void> publish) {
        return Flux.interval(Duration.ofMillis(50)).take(100).concatMap(i -> publish.thenReturn(i));
    }

    @Test
    void shouldDeliverAChangePublishedOnOneInstanceToEveryInstance() {
        RedisRollupChangeFeed one = feed();
        RedisRollupChangeFeed two = feed();
        RollupsChanged change = new RollupsChanged(
                tenant, Set.of(Scope.all(), Scope.channel(Channel.EMAIL), Scope.distribution(UUID.randomUUID())));
        var publishing = repeatedly(one.publish(change)).subscribe();
        try {
            StepVerifier.create(Flux.merge(two.changes().take(1), one.changes().take(1)))
                    .expectNext(change, change)
                    .expectComplete()
                    .verify(TIMEOUT);
        } finally {
            publishing.dispose();
        }
    }

    @Test
    void shouldSkipAndCountMalformedMessages() {
        RedisRollupChangeFeed feed = feed();
        RollupsChanged change = new RollupsChanged(tenant, Set.of(Scope.all()));
        var publishing = repeatedly(redis.connection().reactive().publish(channel, "1 not-a-tenant all")
                .then(feed.publish(change))).subscribe();
        try {
            StepVerifier.create(feed.changes().filter(change::equals).take(1))
                    .expectNext(change)
                    .expectComplete()
                    .verify(TIMEOUT);
        } finally {
            publishing.dispose();
        }
        assertThat(feed.malformed()).isPositive();
    }

    @Test
    void shouldEncodeAndDecodeEveryKindOfScope() {
        RollupsChanged change = new RollupsChanged(tenant, Set.of(Scope.all(), Scope.channel(Channel.SMS),
                Scope.provider(io.funnelstream.engine.model.Provider.values()[0]),
                Scope.distribution(UUID.randomUUID()), Scope.survey(UUID.randomUUID())));
        assertThat(RollupChangeMessages.decode(RollupChangeMessages.encode(change))).contains(change);
        assertThat(RollupChangeMessages.decode("2 " + tenant + " all")).isEmpty();
        assertThat(RollupChangeMessages.decode("1 " + tenant)).isEmpty();
        assertThat(RollupChangeMessages.decode("1 " + tenant + " xx=1")).isEmpty();
    }
}
