package io.funnelstream.infra.redis;

import io.funnelstream.engine.port.RollupChangeFeed;
import io.funnelstream.engine.port.RollupsChanged;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.pubsub.api.reactive.RedisPubSubReactiveCommands;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rollup changes over Redis pub/sub, so a change applied on one instance reaches the streams of every instance
 * (the publisher's own included, by way of Redis). One subscription to the channel per instance, shared by all
 * its subscribers, each of which has a bounded buffer that drops its oldest notices when full (counted in
 * {@link #dropped()}). Pub/sub is at most once: a notice sent while an instance is disconnected is lost, which
 * delays its streams until the next one. Malformed messages are skipped and counted in {@link #malformed()}.
 */
public final class RedisRollupChangeFeed implements RollupChangeFeed {

    /** The channel, unless a deployment (or a test) gives another. */
    public static final String DEFAULT_CHANNEL = "fs:rollups:changed";

    private final RedisReactiveCommands<String, String> commands;
    private final String channel;
    private final int bufferSize;
    private final Flux<RollupsChanged> shared;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

    /**
     * @param commands a regular connection, for PUBLISH
     * @param pubSub a pub/sub connection of this feed's own (it enters subscriber mode)
     */
    public RedisRollupChangeFeed(RedisReactiveCommands<String, String> commands,
            RedisPubSubReactiveCommands<String, String> pubSub, String channel, int bufferSize) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.channel = Objects.requireNonNull(channel, "channel");
        if (bufferSize < 1) {
            throw new IllegalArgumentException("buffer must be positive: " + bufferSize);
        }
        this.bufferSize = bufferSize;
        this.shared = pubSub.subscribe(channel)
                .thenMany(pubSub.observeChannels())
                .filter(message -> channel.equals(message.getChannel()))
                .flatMapIterable(message -> decode(message.getMessage()))
                .share();
    }

    @Override
    public Mono<Void> publish(RollupsChanged change) {
        return commands.publish(channel, RollupChangeMessages.encode(change)).then();
    }

    @Override
    public Flux<RollupsChanged> changes() {
        return shared.onBackpressureBuffer(
                bufferSize, lost -> dropped.incrementAndGet(), BufferOverflowStrategy.DROP_OLDEST);
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    public long malformed() {
        return malformed.get();
    }

    private Iterable<RollupsChanged> decode(String message) {
        Optional<RollupsChanged> change = RollupChangeMessages.decode(message);
        if (change.isEmpty()) {
            malformed.incrementAndGet();
        }
        return change.stream().toList();
    }
}
