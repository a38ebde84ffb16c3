package io.funnelstream.benchmarks.webhook;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Distinct signed requests built before the run, so neither JSON nor signing costs the generator anything while it
 * measures. Handed out in order, each once; with {@code reuse} the pool starts over when used up, which only an
 * endpoint that does not deduplicate (the no-op ceiling) may be sent.
 */
final class RequestPool {

    private final List<SignedRequest> requests;
    private final boolean reuse;
    private final AtomicLong next = new AtomicLong();

    private RequestPool(List<SignedRequest> requests, boolean reuse) {
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("an empty pool");
        }
        this.requests = requests;
        this.reuse = reuse;
    }

    /** Builds {@code size} requests, on every core: index {@code i} is always the same request. */
    static RequestPool build(Payloads payloads, int size, boolean reuse) {
        List<SignedRequest> built = IntStream.range(0, size).parallel()
                .mapToObj(payloads::build)
                .toList();
        return new RequestPool(built, reuse);
    }

    /** The next request, or null when every distinct request was handed out and reuse is off. */
    @Nullable SignedRequest next() {
        long n = next.getAndIncrement();
        if (n < requests.size()) {
            return requests.get((int) n);
        }
        return reuse ? requests.get((int) (n % requests.size())) : null;
    }

    int size() {
        return requests.size();
    }

    long handedOut() {
        return Math.min(next.get(), reuse ? Long.MAX_VALUE : requests.size());
    }

    long bodyBytes() {
        return requests.stream().mapToLong(r -> r.body().length).sum();
    }
}
