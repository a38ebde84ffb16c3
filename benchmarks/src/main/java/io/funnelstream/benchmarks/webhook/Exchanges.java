package io.funnelstream.benchmarks.webhook;

import reactor.core.publisher.Mono;

/** One request sent and its outcome recorded; a failure is counted, never propagated. */
final class Exchanges {

    private Exchanges() {}

    /**
     * @param sinceNanos where latency is measured from: the send in a closed loop, the intended send time in an open
     *     loop (so a late send counts against the service instead of being hidden)
     */
    static Mono<Void> send(HttpTarget target, SignedRequest request, long sinceNanos, LoadStats stats) {
        return target.post(request)
                .doOnNext(answer -> stats.answered(answer.status(), request, System.nanoTime() - sinceNanos,
                        answer.body()))
                .doOnError(stats::failed)
                .onErrorResume(error -> Mono.empty())
                .then();
    }
}
