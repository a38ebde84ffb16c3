package io.funnelstream.engine.pipeline;

import io.funnelstream.engine.model.SurveyProgress;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogEntry;
import io.funnelstream.engine.port.LogRange;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.MessageStore;
import io.funnelstream.engine.port.MessageStore.Transaction;
import io.funnelstream.engine.port.MessageStore.WindowPart;
import io.funnelstream.engine.port.StoreUnavailableException;
import io.funnelstream.engine.rollup.Change;
import io.funnelstream.engine.rollup.RollupWindows;
import io.funnelstream.engine.rollup.Window;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import reactor.util.Logger;
import reactor.util.Loggers;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Commits one log batch: in one transaction, every tenant's records applied ({@link TenantBatch}), one window per
 * partition written to the outbox (its id is the partition and the offsets of the batch's first and last record
 * there, its delta split by tenant), and the batch's positions saved, which refuses the whole transaction if
 * another consumer went past it.
 *
 * <p>Poison records: when the batch fails for any reason but a {@link StoreUnavailableException}, it is taken
 * again one record per transaction; a record that fails alone is kept aside ({@code deadLetter}) in a transaction
 * that also moves the positions past it, counted, and logged. One bad record neither halts the pipeline nor takes
 * good records with it. An unreadable record is kept aside the same way, without trying it first.
 */
final class BatchCommitter {

    private static final Logger log = Loggers.getLogger(BatchCommitter.class);
    private static final int MAX_REASON = 2000;

    private final MessageStore store;
    private final String consumerGroup;

    BatchCommitter(MessageStore store, String consumerGroup) {
        this.store = store;
        this.consumerGroup = consumerGroup;
    }

    Mono<BatchOutcome> commit(LogBatch batch) {
        return commit(batch.entries(), batch.ranges())
                .onErrorResume(BatchCommitter::mayBePoison, e -> {
                    log.warn("batch {} failed ({}); applying its {} records one by one",
                            batch.ranges(), e.toString(), batch.entries().size());
                    return oneByOne(batch);
                });
    }

    private Mono<BatchOutcome> commit(List<LogEntry> entries, List<LogRange> ranges) {
        return store.inTransaction(tx -> applyAll(tx, entries, ranges), o -> o instanceof BatchOutcome.Committed);
    }

    private Mono<BatchOutcome> applyAll(Transaction tx, List<LogEntry> entries, List<LogRange> ranges) {
        Map<TenantId, List<LogEntry>> byTenant = new LinkedHashMap<>();
        List<LogEntry> unreadable = new ArrayList<>();
        for (LogEntry entry : entries) {
            if (entry.record() instanceof LogRecord.Unreadable) {
                unreadable.add(entry);
            } else {
                byTenant.computeIfAbsent(entry.record().tenant(), t -> new ArrayList<>()).add(entry);
            }
        }
        Mono<Void> keptAside = Flux.fromIterable(unreadable)
                .concatMap(entry -> deadLetter(tx, entry, ((LogRecord.Unreadable) entry.record()).reason()))
                .then();
        return keptAside.then(Flux.fromIterable(byTenant.entrySet())
                        .concatMap(e -> new TenantBatch(e.getKey(), e.getValue()).apply(tx))
                        .collectList())
                .flatMap(outcomes -> {
                    List<Change> changes = new ArrayList<>();
                    List<SurveyProgress> progress = new ArrayList<>();
                    BatchCounts counts = new BatchCounts(entries.size(), 0, 0, 0, 0, 0, 0, unreadable.size());
                    for (TenantBatch.Outcome o : outcomes) {
                        changes.addAll(o.changes());
                        progress.addAll(o.progress());
                        counts = counts.plus(o.counts());
                    }
                    for (LogEntry entry : entries) {
                        changes.add(Change.nothing(Partitions.of(entry.position())));
                    }
                    return writeAndSave(tx, windowParts(changes), ranges, counts, progress);
                });
    }

    private Mono<BatchOutcome> writeAndSave(
            Transaction tx, List<WindowPart> parts, List<LogRange> ranges, BatchCounts counts) {
        return writeAndSave(tx, parts, ranges, counts, List.of());
    }

    private Mono<BatchOutcome> writeAndSave(Transaction tx, List<WindowPart> parts, List<LogRange> ranges,
            BatchCounts counts, List<SurveyProgress> progress) {
        Mono<List<MessageStore.PendingWindow>> written =
                parts.isEmpty() ? Mono.just(List.of()) : tx.writeWindows(parts).collectList();
        return written.flatMap(windows -> tx.savePositions(consumerGroup, ranges)
                .map(saved -> saved
                        ? new BatchOutcome.Committed(windows, counts, progress)
                        : new BatchOutcome.Fenced()));
    }

    /** One window per partition, merged from the partition's changes in offset order, split by tenant. */
    static List<WindowPart> windowParts(List<Change> changes) {
        Map<String, List<Change>> byPartition = new TreeMap<>();
        for (Change c : changes) {
            byPartition.computeIfAbsent(c.position().partition(), p -> new ArrayList<>()).add(c);
        }
        List<WindowPart> parts = new ArrayList<>();
        for (List<Change> partition : byPartition.values()) {
            partition.sort(Comparator.comparingLong(c -> c.position().offset()));
            Window window = RollupWindows.window(partition);
            window.byTenant().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(Comparator.comparing(TenantId::toString)))
                    .filter(e -> !e.getValue().isEmpty())
                    .forEach(e -> parts.add(new WindowPart(e.getKey(), window.id(), e.getValue())));
        }
        return parts;
    }

    /** Every record in a transaction of its own; a record that fails alone is kept aside. */
    private Mono<BatchOutcome> oneByOne(LogBatch batch) {
        Map<Integer, Long> cursor = new HashMap<>();
        batch.ranges().forEach(r -> cursor.put(r.partition(), r.from()));
        return Flux.fromIterable(batch.entries())
                .concatMap(entry -> {
                    int partition = entry.position().partition();
                    long next = entry.position().offset() + 1;
                    LogRange range = new LogRange(partition, cursor.get(partition), next);
                    cursor.put(partition, next);
                    return single(entry, range);
                })
                .takeUntil(o -> o instanceof BatchOutcome.Fenced)
                .reduce((a, b) -> a instanceof BatchOutcome.Committed ca && b instanceof BatchOutcome.Committed cb
                        ? ca.plus(cb) : new BatchOutcome.Fenced());
    }

    private Mono<BatchOutcome> single(LogEntry entry, LogRange range) {
        return commit(List.of(entry), List.of(range))
                .onErrorResume(BatchCommitter::mayBePoison, e -> store.inTransaction(
                        tx -> deadLetter(tx, entry, e.toString()).then(writeAndSave(tx, List.of(), List.of(range),
                                new BatchCounts(1, 0, 0, 0, 0, 0, 0, 1))),
                        o -> o instanceof BatchOutcome.Committed));
    }

    private Mono<Void> deadLetter(Transaction tx, LogEntry entry, String reason) {
        String why = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        log.error("record {} of tenant {} kept aside unapplied: {}", entry.position(), entry.record().tenant(), why);
        return tx.deadLetter(consumerGroup, entry, why);
    }

    /** Anything but a store that is down may come from a record of the batch. */
    static boolean mayBePoison(Throwable e) {
        return !(e instanceof StoreUnavailableException);
    }
}
