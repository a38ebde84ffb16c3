package io.funnelstream.infra.eventlog;

import io.funnelstream.engine.port.EventLogUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Gathers concurrent appends into few writes. Up to {@code maxInFlight} writes are in flight at a time (one by
 * default); whatever arrives while they are waits in a queue and goes, whole submissions up to
 * {@code maxBatchItems} items, into the next write. So a lone append is written at once, and under load the batches
 * grow by themselves to what one write costs (natural batching, no timer). Each submitter's Mono completes when the
 * write holding its items has completed, and fails with that write's error; a submission is never split across
 * writes, so it is all or nothing if a write is.
 *
 * <p>Writes start in submission order. With one in flight they also run strictly one after another: a log that
 * cannot order concurrent writes itself (one transaction of a transactional producer at a time) relies on it. With
 * more, the next write is sent while the previous one is still committing, and the log must itself keep the order
 * its readers need (the embedded log's writer lock: sequence values are drawn, and become visible, one write after
 * another). A submitter that waits for its append before submitting again always lands in a later write.
 *
 * <p>Submitters are told on the {@code completions} scheduler, not on the thread that saw the write complete: that
 * thread is the log's I/O thread (a database connection's event loop, a producer's sender), and whatever each
 * submitter does next (answering its HTTP request) would otherwise run there, one submitter after another, while the
 * next write waits for the same thread. Spread over the scheduler's workers, those continuations use every core.
 *
 * @param <T> the item written
 */
public final class GroupCommit<T> {

    private final String name;
    private final int maxBatchItems;
    private final int maxPendingItems;
    private final int maxInFlight;
    private final Function<List<T>, Mono<Void>> write;
    private final Scheduler completions;
    private final Queue<Pending<T>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingItems = new AtomicInteger();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * @param name for error messages
     * @param maxBatchItems items per write, unless a single submission is larger (it then goes alone)
     * @param maxPendingItems items allowed to wait; beyond it a submission fails at once with
     *     {@link EventLogUnavailableException} (load shedding instead of an unbounded queue)
     * @param write writes one batch; must terminate (bound its time)
     */
    public GroupCommit(String name, int maxBatchItems, int maxPendingItems, Function<List<T>, Mono<Void>> write) {
        this(name, maxBatchItems, maxPendingItems, write, Schedulers.parallel());
    }

    /**
     * As {@link #GroupCommit(String, int, int, Function)}, telling submitters on {@code completions} (the parallel
     * scheduler by default).
     */
    public GroupCommit(String name, int maxBatchItems, int maxPendingItems, Function<List<T>, Mono<Void>> write,
            Scheduler completions) {
        this(name, maxBatchItems, maxPendingItems, 1, write, completions);
    }

    /**
     * As {@link #GroupCommit(String, int, int, Function, Scheduler)}, with up to {@code maxInFlight} writes in
     * flight at once (see the class comment for the order that leaves to the log).
     */
    public GroupCommit(String name, int maxBatchItems, int maxPendingItems, int maxInFlight,
            Function<List<T>, Mono<Void>> write, Scheduler completions) {
        if (maxBatchItems < 1 || maxPendingItems < maxBatchItems || maxInFlight < 1) {
            throw new IllegalArgumentException("need 1 <= maxBatchItems <= maxPendingItems and maxInFlight >= 1");
        }
        this.name = name;
        this.maxBatchItems = maxBatchItems;
        this.maxPendingItems = maxPendingItems;
        this.maxInFlight = maxInFlight;
        this.write = Objects.requireNonNull(write, "write");
        this.completions = Objects.requireNonNull(completions, "completions");
    }

    /** Completes when {@code items} are written. Items are queued on subscription; cancelling does not unqueue. */
    public Mono<Void> submit(List<T> items) {
        if (items.isEmpty()) {
            return Mono.empty();
        }
        List<T> copy = List.copyOf(items);
        return Mono.create(sink -> enqueue(new Pending<>(copy, sink)));
    }

    /** Writes started so far (each one transaction of the underlying log). */
    public long writes() {
        return writes.get();
    }

    /**
     * How busy this commit is: the items waiting, plus the writes in flight, so that of several commits side by
     * side an idle one is picked first.
     */
    public int load() {
        return pendingItems.get() + inFlight.get();
    }

    /** The items waiting for the next write (not those of writes in flight). */
    public int waiting() {
        return pendingItems.get();
    }

    /** Items handed to writes so far. */
    public long writtenItems() {
        return written.get();
    }

    private void enqueue(Pending<T> pending) {
        int size = pending.items().size();
        if (pendingItems.addAndGet(size) > maxPendingItems && size <= maxPendingItems) {
            pendingItems.addAndGet(-size);
            pending.sink().error(new EventLogUnavailableException(name + ": too many appends waiting"));
            return;
        }
        queue.offer(pending);
        drain();
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            while (inFlight.get() < maxInFlight && !queue.isEmpty()) {
                inFlight.incrementAndGet();
                start(takeBatch());
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private List<Pending<T>> takeBatch() {
        List<Pending<T>> batch = new ArrayList<>();
        int items = 0;
        Pending<T> next;
        while ((next = queue.peek()) != null
                && (batch.isEmpty() || items + next.items().size() <= maxBatchItems)) {
            queue.poll();
            batch.add(next);
            items += next.items().size();
        }
        pendingItems.addAndGet(-items);
        return batch;
    }

    private void start(List<Pending<T>> batch) {
        List<T> items = new ArrayList<>();
        batch.forEach(p -> items.addAll(p.items()));
        writes.incrementAndGet();
        written.addAndGet(items.size());
        Mono<Void> w;
        try {
            w = write.apply(items);
        } catch (RuntimeException e) {
            w = Mono.error(e);
        }
        w.subscribe(null, e -> finish(batch, e), () -> finish(batch, null));
    }

    private void finish(List<Pending<T>> batch, @Nullable Throwable error) {
        inFlight.decrementAndGet();
        drain();
        for (Pending<T> p : batch) {
            completions.schedule(() -> {
                if (error == null) {
                    p.sink().success();
                } else {
                    p.sink().error(error);
                }
            });
        }
    }

    private record Pending<T>(List<T> items, MonoSink<Void> sink) {}
}
