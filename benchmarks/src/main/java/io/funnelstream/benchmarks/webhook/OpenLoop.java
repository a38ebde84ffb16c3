package io.funnelstream.benchmarks.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Requests at a fixed rate whatever the service does: request {@code i} is due at {@code start + i / rate}, and its
 * latency is measured from that intended time, not from when it actually went out. A service that stalls therefore
 * pays for every request it delayed (no coordinated omission). A tick every millisecond sends whatever fell due;
 * requests beyond {@code maxInFlight} wait in a queue, and that wait counts too.
 */
final class OpenLoop {

    static final Duration TICK = Duration.ofMillis(1);

    private OpenLoop() {}

    /** A request and the time it was due. */
    record Due(SignedRequest request, long intendedNanos) {}

    static Mono<StopReason> run(
            HttpTarget target, Budget budget, double rate, int maxInFlight, LoadStats stats, Scheduler ticks) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + rate);
        }
        return Mono.defer(() -> {
            Schedule schedule = new Schedule(System.nanoTime(), rate, budget);
            stats.start(schedule.startNanos);
            return Flux.interval(Duration.ZERO, TICK, ticks)
                    .onBackpressureDrop()
                    .takeWhile(tick -> !budget.exhausted())
                    .concatMapIterable(tick -> schedule.due(System.nanoTime()))
                    .onBackpressureBuffer()
                    .flatMap(due -> Exchanges.send(target, due.request(), due.intendedNanos(), stats), maxInFlight)
                    .then(Mono.fromSupplier(() -> {
                        stats.end(System.nanoTime());
                        return budget.reason();
                    }));
        });
    }

    /** Which requests have fallen due; used from the tick thread only. */
    static final class Schedule {

        private final long startNanos;
        private final double intervalNanos;
        private final Budget budget;
        private long sent;

        Schedule(long startNanos, double rate, Budget budget) {
            this.startNanos = startNanos;
            this.intervalNanos = 1e9 / rate;
            this.budget = budget;
        }

        /** Every request due at or before {@code nowNanos} and not handed out yet. */
        List<Due> due(long nowNanos) {
            List<Due> due = new ArrayList<>();
            while (true) {
                long intended = startNanos + (long) (sent * intervalNanos);
                if (intended - nowNanos > 0) {
                    return due;
                }
                SignedRequest request = budget.claim(intended);
                if (request == null) {
                    return due;
                }
                due.add(new Due(request, intended));
                sent++;
            }
        }
    }
}
