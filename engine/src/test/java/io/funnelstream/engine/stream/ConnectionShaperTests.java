package io.funnelstream.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class ConnectionShaperTests {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    static StreamItem delta(long id) {
        return new StreamItem.Delta(new StreamEvent(id, new ScopeFigures(Instant.EPOCH, Map.of()), Map.of()));
    }

    static long id(StreamItem item) {
        return ((StreamItem.Delta) item).event().id();
    }

    @Test
    void shouldSendAHeartbeatEveryPeriodWhileIdle() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        ConnectionShaper shaper = new ConnectionShaper(ConnectionSettings.DEFAULT, vts, StreamListener.NONE);
        StepVerifier.withVirtualTime(() -> shaper.shape(Flux.never(), Flux.never()), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(15))
                .expectNext(new StreamItem.Heartbeat())
                .expectNoEvent(Duration.ofSeconds(15))
                .expectNext(new StreamItem.Heartbeat())
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void shouldGiveASlowClientTheLatestUpdateInsteadOfAQueue() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        AtomicInteger conflated = new AtomicInteger();
        StreamListener listener = new StreamListener() {
            @Override
            public void conflated() {
                conflated.incrementAndGet();
            }
        };
        Sinks.Many<StreamItem> updates = Sinks.many().multicast().directBestEffort();
        ConnectionShaper shaper = new ConnectionShaper(ConnectionSettings.DEFAULT, vts, listener);
        StepVerifier.create(shaper.shape(updates.asFlux(), Flux.never()), 0)
                .then(() -> {
                    for (long i = 1; i <= 50; i++) {
                        updates.tryEmitNext(delta(i));
                    }
                })
                .thenRequest(2)
                .assertNext(item -> assertThat(id(item)).isEqualTo(1))
                .assertNext(item -> assertThat(id(item)).isEqualTo(50))
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(conflated.get()).isEqualTo(48);
    }

    @Test
    void shouldCloseAClientThatStopsReadingForLongerThanTheLimit() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        AtomicInteger stalled = new AtomicInteger();
        StreamListener listener = new StreamListener() {
            @Override
            public void stalled() {
                stalled.incrementAndGet();
            }
        };
        ConnectionShaper shaper = new ConnectionShaper(ConnectionSettings.DEFAULT, vts, listener);
        StepVerifier.withVirtualTime(() -> shaper.shape(Flux.never(), Flux.never()), () -> vts, 0)
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(59))
                .then(() -> assertThat(stalled.get()).isZero())
                .thenAwait(Duration.ofSeconds(16))
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(stalled.get()).isEqualTo(1);
    }

    @Test
    void shouldEndTheConnectionWhenToldToClose() {
        Sinks.One<Boolean> close = Sinks.one();
        ConnectionShaper shaper =
                new ConnectionShaper(ConnectionSettings.DEFAULT, VirtualTimeScheduler.create(), StreamListener.NONE);
        StepVerifier.create(shaper.shape(Flux.just(delta(1)).concatWith(Flux.never()), close.asMono()))
                .expectNextCount(1)
                .then(() -> close.tryEmitValue(true))
                .expectComplete()
                .verify(TIMEOUT);
    }
}
