package io.funnelstream.benchmarks.webhook;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A fixed number of users, each sending its next request as soon as the previous one is answered: finds the most
 * the service sustains at that concurrency. Latency is measured from each send.
 */
final class ClosedLoop {

    private ClosedLoop() {}

    static Mono<StopReason> run(HttpTarget target, Budget budget, int users, LoadStats stats) {
        return Mono.defer(() -> {
            stats.start(System.nanoTime());
            return Flux.range(0, users)
                    .flatMap(user -> user(target, budget, stats), users)
                    .then(Mono.fromSupplier(() -> {
                        stats.end(System.nanoTime());
                        return budget.reason();
                    }));
        });
    }

    /** One user: a request at a time until the budget is spent. */
    private static Mono<Void> user(HttpTarget target, Budget budget, LoadStats stats) {
        return Mono.defer(() -> next(target, budget, stats))
                .repeat(() -> !budget.exhausted())
                .then();
    }

    private static Mono<Void> next(HttpTarget target, Budget budget, LoadStats stats) {
        long now = System.nanoTime();
        @Nullable SignedRequest request = budget.claim(now);
        return request == null ? Mono.empty() : Exchanges.send(target, request, now, stats);
    }
}
