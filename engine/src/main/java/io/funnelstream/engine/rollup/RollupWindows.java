package io.funnelstream.engine.rollup;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * The windowing stage: groups consecutive changes of one partition into windows of at most
 * {@code maxChanges} changes, closing a window early when {@code maxWait} has passed since its first change.
 * Apply with {@code changes.transform(new RollupWindows(...))}, one stage per partition.
 *
 * <p>Windows are cut by {@link Flux#bufferTimeout(int, Duration, Scheduler, boolean)} with fair
 * backpressure: the stage requests no more changes than the windows downstream asked for can hold, so a
 * slow store slows the reading of the log instead of piling changes up in memory. The scheduler times
 * windows; pass a virtual-time scheduler in tests.
 *
 * <p>A window's id is the range of offsets it covers, so it depends on the changes only: a consumer that
 * commits a window's last position and delta together and applies the delta afterwards can re-apply a
 * committed window after a crash and the store will count it once. The stage fails with an
 * {@link IllegalArgumentException} if a window would mix partitions or see an offset go backwards.
 */
public final class RollupWindows implements Function<Flux<Change>, Flux<Window>> {

    public static final int DEFAULT_MAX_CHANGES = 5_000;
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMillis(200);

    private final int maxChanges;
    private final Duration maxWait;
    private final Scheduler scheduler;

    public RollupWindows(int maxChanges, Duration maxWait, Scheduler scheduler) {
        if (maxChanges < 1) {
            throw new IllegalArgumentException("maxChanges must be positive: " + maxChanges);
        }
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("maxWait must be positive: " + maxWait);
        }
        this.maxChanges = maxChanges;
        this.maxWait = maxWait;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** Windows of up to 5,000 changes or 200 ms. */
    public static RollupWindows withDefaults(Scheduler scheduler) {
        return new RollupWindows(DEFAULT_MAX_CHANGES, DEFAULT_MAX_WAIT, scheduler);
    }

    @Override
    public Flux<Window> apply(Flux<Change> changes) {
        return changes.bufferTimeout(maxChanges, maxWait, scheduler, true)
                .filter(batch -> !batch.isEmpty())
                .map(RollupWindows::window)
                .name("rollup-windows");
    }

    /** Merges a run of consecutive changes of one partition into a window. */
    public static Window window(List<? extends Change> changes) {
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a window merges at least one change");
        }
        LogPosition first = changes.getFirst().position();
        LogPosition previous = first;
        RollupDelta.Builder delta = RollupDelta.builder();
        for (Change change : changes) {
            LogPosition at = change.position();
            if (!at.partition().equals(first.partition())) {
                throw new IllegalArgumentException("a window mixes partitions: " + first + " and " + at);
            }
            if (at.offset() < previous.offset()) {
                throw new IllegalArgumentException("offsets go backwards: " + previous + " then " + at);
            }
            change.addTo(delta);
            previous = at;
        }
        return new Window(WindowId.between(first, previous), delta.build(), changes.size());
    }
}
