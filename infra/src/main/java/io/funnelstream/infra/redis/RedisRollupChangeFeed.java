package io.funnelstream.infra.redis;

import io.funnelstream.engine.port.RollupChangeFeed;
import io.funnelstream.engine.port.RollupsChanged;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.pubsub.api.reactive.RedisPubSubReactiveCommands;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.Logger;
import reactor.util.Loggers;
import reactor.util.retry.Retry;

/**
 * Rollup changes over Redis pub/sub, so a change applied on one instance reaches the streams of every instance
 * (the publisher's own included, by way of Redis). One subscription to the channel per instance, made when the feed
 * is created and kept until {@link #close()}, shared by all its subscribers, each of which has a bounded buffer that
 * drops its oldest notices when full (counted in {@link #dropped()}). Because the channel is subscribed to already,
 * {@link #changes()} hears every notice published after it was called: a hub that subscribes before it reads its
 * snapshot misses nothing announced after that read (see {@link #subscribed()} for the start). Pub/sub is at most once: a notice sent while an instance is disconnected is lost, which
 * delays its streams until the next one. Malformed messages are skipped and counted in {@link #malformed()}.
 */
public final class RedisRollupChangeFeed implements RollupChangeFeed {

    private static final Logger log = Loggers.getLogger(RedisRollupChangeFeed.class);
    private static final Sinks.EmitFailureHandler TAKE_TURNS =
            Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1));

    /** The channel, unless a deployment (or a test) gives another. */
    public static final String DEFAULT_CHANNEL = "fs:rollups:changed";

    private final RedisReactiveCommands<String, String> commands;
    private final String channel;
    private final int bufferSize;
    private final Sinks.Many<RollupsChanged> shared = Sinks.many().multicast().directBestEffort();
    private final Mono<Void> subscribed;
    private final Disposable listening;
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
        this.subscribed = pubSub.subscribe(channel)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(10)))
                .cache();
        // Lettuce re-subscribes by itself after a reconnect; notices sent while disconnected are lost (at most once).
        this.listening = subscribed
                .thenMany(pubSub.observeChannels())
                .filter(message -> channel.equals(message.getChannel()))
                .flatMapIterable(message -> decode(message.getMessage()))
                .subscribe(change -> shared.emitNext(change, TAKE_TURNS),
                        e -> log.error("rollup change feed stopped listening to {}", channel, e));
    }

    /** Completes once the channel is subscribed to; notices published before may not be heard. */
    public Mono<Void> subscribed() {
        return subscribed;
    }

    /** Stops listening (the pub/sub connection is its owner's to close). */
    public void close() {
        listening.dispose();
    }

    @Override
    public Mono<Void> publish(RollupsChanged change) {
        return commands.publish(channel, RollupChangeMessages.encode(change)).then();
    }

    @Override
    public Flux<RollupsChanged> changes() {
        return shared.asFlux().onBackpressureBuffer(
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
