package io.funnelstream.infra.embedded;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Wakes idle readers when this process has appended: a version that every committed write increases, and a
 * signal carrying it. Appends by other processes are found by polling, at most one poll interval late.
 */
final class AppendSignal {

    private final AtomicLong version = new AtomicLong();
    private final Sinks.Many<Long> signal = Sinks.many().multicast().directBestEffort();
    private final Duration pollInterval;
    private final Scheduler timer;

    AppendSignal(Duration pollInterval, Scheduler timer) {
        this.pollInterval = pollInterval;
        this.timer = timer;
    }

    long version() {
        return version.get();
    }

    void appended() {
        // A lost emission (two writers at once) only costs a reader one poll interval: it checks the version too.
        signal.tryEmitNext(version.incrementAndGet());
    }

    /** Completes empty once the version has moved past {@code seen}, or after the poll interval. */
    <T> Mono<T> after(long seen) {
        Mono<Long> woken = signal.asFlux().filter(v -> v > seen).next();
        Mono<Long> alreadyMoved = Mono.defer(() -> version.get() > seen ? Mono.just(seen) : Mono.never());
        Mono<Long> polled = Mono.delay(pollInterval, timer);
        return Mono.firstWithSignal(woken, alreadyMoved, polled).then(Mono.empty());
    }
}
