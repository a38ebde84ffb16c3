package io.funnelstream.api.stream;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * A count over the trailing minute, in sixty one-second slots: what a gauge "per minute" shows without a query
 * language. Slots are reused as seconds pass; a count racing a slot's reuse may land in the new second.
 */
final class TrailingMinute {

    private static final int SLOTS = 60;

    private final AtomicLongArray counts = new AtomicLongArray(SLOTS);
    private final AtomicLongArray seconds = new AtomicLongArray(SLOTS);
    private final LongSupplier epochSeconds;

    /** @param epochSeconds the current second (a clock) */
    TrailingMinute(LongSupplier epochSeconds) {
        this.epochSeconds = epochSeconds;
        for (int i = 0; i < SLOTS; i++) {
            seconds.set(i, Long.MIN_VALUE);
        }
    }

    void increment() {
        long now = epochSeconds.getAsLong();
        int slot = (int) Math.floorMod(now, (long) SLOTS);
        long held = seconds.get(slot);
        if (held != now && seconds.compareAndSet(slot, held, now)) {
            counts.set(slot, 0);
        }
        counts.incrementAndGet(slot);
    }

    /** The count of the last sixty seconds, this one included. */
    long sum() {
        long now = epochSeconds.getAsLong();
        long total = 0;
        for (int i = 0; i < SLOTS; i++) {
            long second = seconds.get(i);
            if (second != Long.MIN_VALUE && now - second < SLOTS && now >= second) {
                total += counts.get(i);
            }
        }
        return total;
    }
}
