package io.funnelstream.api.config;

import io.funnelstream.api.stream.KeyRevocations;
import io.funnelstream.api.stream.LiveStreams;
import io.funnelstream.api.stream.StreamMetrics;
import io.funnelstream.engine.port.RollupChangeFeed;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupRetention;
import io.funnelstream.engine.rollup.RollupSnapshot;
import io.funnelstream.engine.stream.ConnectionSettings;
import io.funnelstream.engine.stream.ConnectionShaper;
import io.funnelstream.engine.stream.FiguresReader;
import io.funnelstream.engine.stream.HubSettings;
import io.funnelstream.engine.stream.InProcessRollupChangeFeed;
import io.funnelstream.engine.stream.ScopeAlerting;
import io.funnelstream.engine.stream.ScopeHub;
import io.funnelstream.engine.stream.StreamTokens;
import io.funnelstream.engine.stream.TrailingRange;
import io.funnelstream.infra.redis.RedisRollupChangeFeed;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Live analytics streams: the rollup change feed (in-process by default, Redis pub/sub in production), stream
 * tokens, the per-scope hubs and the per-connection shaping. The hubs read the {@link RollupStore} bean when there
 * is one; until the pipeline provides it, a stream answers 503.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamProperties.class)
public class StreamConfiguration {

    @Bean
    StreamTokens streamTokens(StreamProperties properties, Clock clock) {
        StreamProperties.Tokens tokens = properties.tokens();
        SigningKeys keys = SigningKeys.parse(tokens.keys(), tokens.primary(), "funnelstream.stream.tokens.keys");
        return new StreamTokens(keys.primary(), keys.keys(), tokens.lifetime(), clock);
    }

    /** Without a registry (a web slice) the metrics are kept but exported nowhere. */
    @Bean
    StreamMetrics streamMetrics(ObjectProvider<MeterRegistry> registry) {
        return new StreamMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    KeyRevocations keyRevocations(TenantDirectory directory, StreamProperties properties) {
        return new KeyRevocations(directory, properties.revocationCheck());
    }

    /** Reads a scope's ranges from the {@link RollupStore} bean, failing while there is none. */
    @Bean
    FiguresReader figuresReader(ObjectProvider<RollupStore> stores, StreamProperties properties,
            ObjectProvider<RollupRetention> retention, Clock clock) {
        Function<RollupQuery, Mono<RollupSnapshot>> read = query -> Mono.defer(() -> {
            RollupStore store = stores.getIfAvailable();
            return store == null ? Mono.error(new IllegalStateException("no rollup store")) : store.read(query);
        });
        // an experiment's variants are read over every day bucket the store keeps
        return new FiguresReader(read, clock, ranges(properties.ranges()),
                retention.getIfAvailable(() -> RollupRetention.DEFAULT).days());
    }

    /** Each update's alerts are evaluated by the {@link ScopeAlerting} bean, when there is one. */
    @Bean
    ScopeHub scopeHub(RollupChangeFeed feed, FiguresReader reader, StreamProperties properties, Clock clock,
            StreamMetrics metrics, ObjectProvider<ScopeAlerting> alerting) {
        HubSettings settings = new HubSettings(properties.coalesce(), properties.grace(), properties.ringSize());
        ScopeHub hub = new ScopeHub(feed, reader, settings, clock, Schedulers.parallel(), metrics,
                alerting.getIfAvailable(() -> ScopeAlerting.NONE));
        metrics.watch(hub, feed);
        return hub;
    }

    @Bean
    LiveStreams liveStreams(ScopeHub hub, StreamTokens tokens, KeyRevocations revocations, StreamMetrics metrics,
            StreamProperties properties) {
        ConnectionSettings connections = new ConnectionSettings(properties.heartbeat(), properties.stallLimit());
        ConnectionShaper shaper = new ConnectionShaper(connections, Schedulers.parallel(), metrics);
        return new LiveStreams(hub, shaper, tokens, revocations, metrics, properties.retry(),
                properties.revocationCheck(), Schedulers.parallel());
    }

    static List<TrailingRange> ranges(List<String> specs) {
        return specs.stream().map(spec -> {
            String[] parts = spec.split(":", -1);
            if (parts.length != 3) {
                throw new IllegalStateException("funnelstream.stream.ranges entries are <name>:<m|h|d>:<buckets>");
            }
            BucketSize size = BucketSize.fromCode(parts[1]).orElseThrow(
                    () -> new IllegalStateException("unknown bucket size in " + spec + ": use m, h or d"));
            return new TrailingRange(parts[0], size, Integer.parseInt(parts[2]));
        }).toList();
    }

    /** The embedded default: changes reach this process's streams only. */
    @Configuration(proxyBeanMethods = false)
    @Profile("!" + Profiles.PRODUCTION)
    static class InProcessFeed {

        @Bean
        RollupChangeFeed rollupChangeFeed(StreamProperties properties) {
            return new InProcessRollupChangeFeed(properties.feedBuffer());
        }
    }

    /** Production: changes travel over Redis pub/sub to every instance. */
    @Configuration(proxyBeanMethods = false)
    @Profile(Profiles.PRODUCTION)
    static class RedisFeed {

        /** A connection of its own: a subscribed connection can issue no other command. */
        @Bean(destroyMethod = "close")
        StatefulRedisPubSubConnection<String, String> rollupChangesConnection(RedisClient client) {
            return client.connectPubSub();
        }

        /** Subscribes at once; waits up to 5 s for Redis to confirm, so streams served from the start hear all. */
        @Bean(destroyMethod = "close")
        RedisRollupChangeFeed rollupChangeFeed(StatefulRedisConnection<String, String> redisConnection,
                StatefulRedisPubSubConnection<String, String> rollupChangesConnection, StreamProperties properties) {
            RedisRollupChangeFeed feed = new RedisRollupChangeFeed(redisConnection.reactive(),
                    rollupChangesConnection.reactive(), properties.redisChannel(), properties.feedBuffer());
            try {
                feed.subscribed().block(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(StreamConfiguration.class).warn(
                        "rollup change channel not subscribed yet (retrying in the background): {}", e.toString());
            }
            return feed;
        }
    }
}
