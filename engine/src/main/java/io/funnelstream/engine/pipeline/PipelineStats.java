package io.funnelstream.engine.pipeline;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * What the pipeline has done since it started, for metrics and health: monotonic counters and a few gauges.
 * Thread-safe; reads are cheap and never block.
 */
public final class PipelineStats {

    private final AtomicLong records = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong eventsApplied = new AtomicLong();
    private final AtomicLong duplicateEvents = new AtomicLong();
    private final AtomicLong pendingEvents = new AtomicLong();
    private final AtomicLong claimedEvents = new AtomicLong();
    private final AtomicLong messagesCreated = new AtomicLong();
    private final AtomicLong duplicateMessages = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong windowsApplied = new AtomicLong();
    private final AtomicLong windowsSkipped = new AtomicLong();
    private final AtomicLong windowsDeferred = new AtomicLong();
    private final AtomicLong fenced = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private final AtomicLong lag = new AtomicLong(-1);
    private final AtomicLong outboxBacklog = new AtomicLong(-1);
    private final AtomicReference<@Nullable Instant> lastCommitted = new AtomicReference<>();
    private final AtomicReference<@Nullable Instant> lastApplied = new AtomicReference<>();

    void committed(BatchCounts counts, Instant at) {
        batches.incrementAndGet();
        records.addAndGet(counts.records());
        eventsApplied.addAndGet(counts.eventsApplied());
        duplicateEvents.addAndGet(counts.duplicateEvents());
        pendingEvents.addAndGet(counts.pendingEvents());
        claimedEvents.addAndGet(counts.claimedEvents());
        messagesCreated.addAndGet(counts.messagesCreated());
        duplicateMessages.addAndGet(counts.duplicateMessages());
        deadLettered.addAndGet(counts.deadLettered());
        lastCommitted.set(at);
    }

    void windowsApplied(long applied, long skipped, Instant at) {
        windowsApplied.addAndGet(applied);
        windowsSkipped.addAndGet(skipped);
        if (applied + skipped > 0) {
            lastApplied.set(at);
        }
    }

    void windowsDeferred(long n) {
        windowsDeferred.addAndGet(n);
    }

    void fenced() {
        fenced.incrementAndGet();
    }

    void restarted() {
        restarts.incrementAndGet();
    }

    void lag(long records) {
        lag.set(records);
    }

    void outboxBacklog(long rows) {
        outboxBacklog.set(rows);
    }

    /** Log records committed (each exactly once). */
    public long records() {
        return records.get();
    }

    /** Transactions committed. */
    public long batches() {
        return batches.get();
    }

    /** Events applied to a message (new, or pending ones claimed when their message appeared). */
    public long eventsApplied() {
        return eventsApplied.get();
    }

    /** Events skipped because they were stored already (provider retries, repeated appends). */
    public long duplicateEvents() {
        return duplicateEvents.get();
    }

    /** Events stored pending because their message is not known (yet). */
    public long pendingEvents() {
        return pendingEvents.get();
    }

    /** Pending events applied when their message appeared (included in {@link #eventsApplied()}). */
    public long claimedEvents() {
        return claimedEvents.get();
    }

    public long messagesCreated() {
        return messagesCreated.get();
    }

    /** Message creations skipped because the message existed already. */
    public long duplicateMessages() {
        return duplicateMessages.get();
    }

    /** Records that could not be read or applied, moved past and kept aside. */
    public long deadLettered() {
        return deadLettered.get();
    }

    /** Tenant windows the store applied. */
    public long windowsApplied() {
        return windowsApplied.get();
    }

    /** Tenant windows the store skipped as already applied or covered by a rebuild. */
    public long windowsSkipped() {
        return windowsSkipped.get();
    }

    /** Tenant windows left in the outbox for the sweep (store down, slow or rebuilding). */
    public long windowsDeferred() {
        return windowsDeferred.get();
    }

    /** Batches rolled back because another consumer had gone past them. */
    public long fencedBatches() {
        return fenced.get();
    }

    /** Times the pipeline resumed from the stored positions after a failure. */
    public long restarts() {
        return restarts.get();
    }

    /** Records in the log not committed yet, as last measured; -1 when unknown. */
    public long lag() {
        return lag.get();
    }

    /** Outbox rows waiting for the store, as last measured; -1 when unknown. */
    public long outboxBacklog() {
        return outboxBacklog.get();
    }

    public @Nullable Instant lastCommittedAt() {
        return lastCommitted.get();
    }

    public @Nullable Instant lastAppliedAt() {
        return lastApplied.get();
    }
}
