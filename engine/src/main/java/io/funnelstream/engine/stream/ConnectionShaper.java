package io.funnelstream.engine.stream;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Shapes one connection's items so that a slow client holds back no one: at most one update waits for it (a
 * newer one replaces it; every update carries absolute figures, so the latest is all a client needs), heartbeats
 * (one timer shared by all connections) that find the client busy are skipped, and a client that has asked for
 * nothing for {@code stallLimit} while items wait is closed.
 */
public final class ConnectionShaper {

    private static final StreamItem HEARTBEAT = new StreamItem.Heartbeat();

    private final ConnectionSettings settings;
    private final Scheduler scheduler;
    private final StreamListener listener;
    private final Flux<StreamItem> heartbeats;

    public ConnectionShaper(ConnectionSettings settings, Scheduler scheduler, StreamListener listener) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.listener = listener;
        // One timer for every connection, running while any is open.
        this.heartbeats = Flux.interval(settings.heartbeat(), settings.heartbeat(), scheduler)
                .map(tick -> HEARTBEAT)
                .share();
    }

    /**
     * @param updates the scope's updates for this connection
     * @param close ends the connection when it emits (for instance: its key was revoked)
     */
    public Flux<StreamItem> shape(Flux<StreamItem> updates, Publisher<?> close) {
        return Flux.defer(() -> {
            AtomicLong lastDemandAt = new AtomicLong(now());
            Sinks.One<Boolean> stalled = Sinks.one();
            Runnable behind = () -> {
                if (now() - lastDemandAt.get() >= settings.stallLimit().toMillis()
                        && stalled.tryEmitValue(Boolean.TRUE).isSuccess()) {
                    listener.stalled();
                }
            };
            Flux<StreamItem> latest = updates.onBackpressureBuffer(1, dropped -> {
                listener.conflated();
                behind.run();
            }, BufferOverflowStrategy.DROP_OLDEST);
            Flux<StreamItem> beats = heartbeats.onBackpressureDrop(skipped -> behind.run());
            return Flux.merge(1, latest, beats)
                    .takeUntilOther(Flux.merge(stalled.asMono(), close))
                    .doOnRequest(n -> lastDemandAt.set(now()));
        });
    }

    private long now() {
        return scheduler.now(TimeUnit.MILLISECONDS);
    }
}
