package io.funnelstream.engine.pipeline;

import io.funnelstream.engine.model.SurveyProgress;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogPositions;
import io.funnelstream.engine.port.MessageStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import reactor.util.Logger;
import reactor.util.Loggers;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * The streaming pipeline from the event log to Postgres and the rollup store, exactly once.
 *
 * <p>Stages, each a named {@code concatMap} so that order holds and at most one batch sits between two stages:
 * read the log ({@link EventLog#consume}, which reads ahead of demand by a bounded amount) &rarr; cut each batch by
 * partition into commit lanes ({@link PartitionLanes}: the lanes commit side by side, each in order) &rarr; in each
 * lane, coalesce consecutive batches ({@link LogBatches}) &rarr; commit each in one Postgres transaction
 * ({@link BatchCommitter}: messages, events, the window's deltas in the outbox, the positions) &rarr; apply the
 * windows to the store ({@link RollupApplier}, bounded by a timeout: fail open) &rarr; acknowledge the batch to the
 * log, per partition in the log's order. Backpressure runs end to end: a slow Postgres slows the reading of the
 * log.
 *
 * <p>The invariant: a record's effects and the position past it are committed together, and its rollup deltas
 * sit in the outbox, in that transaction, until the store has taken them; the store counts a window id once. So
 * whatever stops the pipeline, a restart resumes from the committed positions and re-applies the outbox, and every
 * record counts once in Postgres and once in the rollups.
 *
 * <p>Failures (Postgres or the log down, a batch fenced off by another consumer) end the stream; it is resumed
 * from the stored positions after a backoff, for ever, and {@link PipelineStats#restarts()} counts it.
 */
public final class RollupPipeline {

    private static final Logger log = Loggers.getLogger(RollupPipeline.class);

    private final EventLog eventLog;
    private final LogPositions positions;
    private final MessageStore store;
    private final RollupApplier applier;
    private final RollupRebuilder rebuilder;
    private final PipelineSettings settings;
    private final PipelineStats stats;
    private final Clock clock;
    private final Scheduler scheduler;
    private final BatchCommitter committer;
    private final Sinks.Many<SurveyProgress> surveyProgress = Sinks.many().multicast().directBestEffort();

    public RollupPipeline(EventLog eventLog, LogPositions positions, MessageStore store, RollupApplier applier,
            RollupRebuilder rebuilder, PipelineSettings settings, PipelineStats stats, Clock clock,
            Scheduler scheduler) {
        this.eventLog = eventLog;
        this.positions = positions;
        this.store = store;
        this.applier = applier;
        this.rebuilder = rebuilder;
        this.settings = settings;
        this.stats = stats;
        this.clock = clock;
        this.scheduler = scheduler;
        this.committer = new BatchCommitter(store, settings.consumerGroup());
        applier.beforeRecovery(() -> rebuilder.rebuildWhereNeeded().then());
    }

    /**
     * Starts everything on subscription: the start-up check of the store (rebuilds where needed, then drains the
     * outbox), the pipeline, the outbox sweep and the status measurements. Dispose to stop; a transaction in
     * flight is rolled back.
     */
    public Disposable start() {
        return run().subscribe(null, e -> log.error("rollup pipeline stopped", e));
    }

    /** {@link #start()} as a publisher: everything runs while it is subscribed to; it ends only when cancelled. */
    public Flux<Object> run() {
        return Flux.merge(startup(), batches(), applier.sweeps(), status(), abandonedRebuilds())
                .name("rollup-pipeline");
    }

    /**
     * Rebuilds what the store cannot vouch for and drains the outbox, retrying until both succeed; then the
     * applier reports the store current.
     */
    public Mono<Void> startup() {
        return rebuilder.rebuildWhereNeeded()
                .then(applier.drain())
                .doOnSuccess(v -> applier.markChecked())
                .retryWhen(backoff("rollup store start-up check"))
                .then();
    }

    /** The pipeline proper, resumed after failures; emits what each committed transaction did. */
    public Flux<BatchCounts> batches() {
        return Flux.defer(this::lanes)
                .retryWhen(backoff("rollup pipeline"));
    }

    /**
     * One consumption of the log: its batches cut into {@link PartitionLanes lanes}, each lane coalesced and
     * committed in order, the lanes side by side; then every committed batch applied to the store one at a time, in
     * each lane's order; the log's batches acknowledged once all their parts are, per lane in the log's order. A
     * failure in any lane ends the whole consumption (the other lanes' transactions in flight roll back), and the
     * retry resumes every partition from its stored position.
     *
     * <p>The store takes one application at a time, as with a single lane: the applier's view of the store (healthy,
     * checked, rebuilt) must not change under an application in flight, or a window could reach a store that came
     * back empty before the rebuild that its recovery runs.
     */
    private Flux<BatchCounts> lanes() {
        PartitionLanes lanes = new PartitionLanes(settings.commitLanes());
        Flux<BatchCounts> committed = eventLog.consume(settings.consumerGroup(), positions)
                .concatMapIterable(lanes::split)
                .groupBy(PartitionLanes.Part::lane, part -> part.batch(), Math.max(2, 2 * lanes.lanes()))
                .flatMap(this::lane, lanes.lanes(), 1)
                .concatMap(this::applyAndAcknowledge, 1)
                .name("apply-and-acknowledge")
                .doOnComplete(lanes::complete);
        return Flux.merge(committed, lanes.acknowledgements().cast(BatchCounts.class));
    }

    private Flux<Committing> lane(Flux<LogBatch> parts) {
        return parts
                .transform(new LogBatches(settings.maxBatchesPerTransaction(), settings.maxBatchWait(), scheduler))
                .concatMap(batch -> committer.commit(batch).map(outcome -> new Committing(batch, outcome)), 1)
                .name("commit-batches");
    }

    private Mono<BatchCounts> applyAndAcknowledge(Committing c) {
        if (!(c.outcome() instanceof BatchOutcome.Committed committed)) {
            stats.fenced();
            return Mono.error(new FencedOff(c.batch()));
        }
        stats.committed(committed.counts(), clock.instant());
        emitProgress(committed.progress());
        return applier.applyCommitted(committed.windows())
                .then(c.batch().acknowledge())
                .thenReturn(committed.counts());
    }

    /** Lanes commit side by side; the sink takes one emitter at a time. */
    private void emitProgress(List<SurveyProgress> progress) {
        if (progress.isEmpty()) {
            return;
        }
        synchronized (surveyProgress) {
            progress.forEach(surveyProgress::tryEmitNext);
        }
    }

    /**
     * Where respondents stand after each committed batch that stored survey events: what the inactivity timers
     * follow. Hot, best effort: only subscribers present when a batch commits see its progress (the timers rebuild
     * what they missed from Postgres at start).
     */
    public Flux<SurveyProgress> surveyProgress() {
        return surveyProgress.asFlux();
    }

    private Retry backoff(String what) {
        return Retry.backoff(Long.MAX_VALUE, settings.minBackoff())
                .maxBackoff(settings.maxBackoff())
                .transientErrors(true)
                .scheduler(scheduler)
                .doBeforeRetry(signal -> {
                    stats.restarted();
                    log.warn("{} failed, resuming from the stored positions: {}", what, signal.failure().toString());
                });
    }

    /**
     * Every {@code maxBackoff}, tries to rebuild the tenants whose windows the store refuses: a rebuild elsewhere
     * holds their lock and this comes to nothing, but one that was abandoned (its process died between its start
     * and its end) is finished here rather than at the next start.
     */
    Flux<RebuildOutcome> abandonedRebuilds() {
        return Flux.interval(settings.maxBackoff(), settings.maxBackoff(), scheduler)
                .onBackpressureDrop()
                .concatMap(tick -> Flux.fromIterable(applier.refusedTenants())
                        .concatMap(tenant -> rebuilder.rebuild(tenant).onErrorResume(e -> Mono.empty())), 0)
                .name("abandoned-rebuilds");
    }

    /** Measures lag and outbox backlog every {@code statusInterval}. */
    Flux<Long> status() {
        return Flux.interval(Duration.ZERO, settings.statusInterval(), scheduler)
                .onBackpressureDrop()
                .concatMap(tick -> measure().onErrorResume(e -> {
                    log.debug("cannot measure pipeline lag: {}", e.toString());
                    return Mono.empty();
                }), 0)
                .name("pipeline-status");
    }

    private Mono<Long> measure() {
        Mono<Long> lag = eventLog.endOffsets().flatMap(ends -> ends.isEmpty()
                ? Mono.just(-1L)
                : positions.load(settings.consumerGroup(), ends.keySet()).map(stored -> behind(ends, stored)));
        return lag.doOnNext(stats::lag)
                .then(store.outboxBacklog())
                .doOnNext(stats::outboxBacklog);
    }

    private static long behind(Map<Integer, Long> ends, Map<Integer, Long> stored) {
        long sum = 0;
        for (Map.Entry<Integer, Long> end : ends.entrySet()) {
            sum += Math.max(0, end.getValue() - stored.getOrDefault(end.getKey(), 0L));
        }
        return sum;
    }

    private record Committing(LogBatch batch, BatchOutcome outcome) {}

    /** Another consumer went past the batch: resume from the stored positions. */
    static final class FencedOff extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FencedOff(LogBatch batch) {
            super("another consumer went past " + batch.ranges() + "; resuming from the stored positions");
        }
    }
}
