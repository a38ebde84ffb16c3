package io.funnelstream.engine.stream;

import io.funnelstream.engine.port.RollupChangeFeed;
import io.funnelstream.engine.port.RollupsChanged;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The embedded default's feed: changes reach the subscribers of this process only. Each subscriber has a bounded
 * buffer; when it is full the oldest notice goes, and is counted in {@link #dropped()}.
 */
public final class InProcessRollupChangeFeed implements RollupChangeFeed {

    public static final int DEFAULT_BUFFER = 1_024;

    private static final Sinks.EmitFailureHandler TAKE_TURNS =
            Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1));

    private final Sinks.Many<RollupsChanged> sink = Sinks.many().multicast().directBestEffort();
    private final int bufferSize;
    private final AtomicLong dropped = new AtomicLong();

    public InProcessRollupChangeFeed() {
        this(DEFAULT_BUFFER);
    }

    public InProcessRollupChangeFeed(int bufferSize) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("buffer must be positive: " + bufferSize);
        }
        this.bufferSize = bufferSize;
    }

    @Override
    public Mono<Void> publish(RollupsChanged change) {
        // Concurrent publishers take turns: the sink accepts one emission at a time.
        return Mono.fromRunnable(() -> sink.emitNext(change, TAKE_TURNS));
    }

    @Override
    public Flux<RollupsChanged> changes() {
        return sink.asFlux()
                .onBackpressureBuffer(
                        bufferSize, lost -> dropped.incrementAndGet(), BufferOverflowStrategy.DROP_OLDEST);
    }

    @Override
    public long dropped() {
        return dropped.get();
    }
}
