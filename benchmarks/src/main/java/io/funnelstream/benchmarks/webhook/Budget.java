package io.funnelstream.benchmarks.webhook;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The bounds of one phase: at most {@code maxRequests}, until a deadline, while the pool lasts. The first bound
 * reached is the reason the phase stopped.
 */
final class Budget {

    private final RequestPool pool;
    private final long maxRequests;
    private final long deadlineNanos;
    private final AtomicLong claimed = new AtomicLong();
    private final AtomicReference<@Nullable StopReason> stopped = new AtomicReference<>();

    Budget(RequestPool pool, long maxRequests, long deadlineNanos) {
        this.pool = pool;
        this.maxRequests = maxRequests;
        this.deadlineNanos = deadlineNanos;
    }

    /** The next request to send, or null once a bound is reached. */
    @Nullable SignedRequest claim(long nowNanos) {
        if (stopped.get() != null) {
            return null;
        }
        if (nowNanos - deadlineNanos >= 0) {
            return stop(StopReason.DURATION);
        }
        if (claimed.incrementAndGet() > maxRequests) {
            return stop(StopReason.REQUESTS);
        }
        SignedRequest request = pool.next();
        return request != null ? request : stop(StopReason.POOL_USED_UP);
    }

    boolean exhausted() {
        return stopped.get() != null;
    }

    /** Why the phase stopped; {@link StopReason#REQUESTS} if it has not yet. */
    StopReason reason() {
        StopReason reason = stopped.get();
        return reason == null ? StopReason.REQUESTS : reason;
    }

    private @Nullable SignedRequest stop(StopReason reason) {
        stopped.compareAndSet(null, reason);
        return null;
    }
}
