package io.funnelstream.infra.embedded;

import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.EventLogUnavailableException;
import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogPositions;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.infra.eventlog.GroupCommit;
import io.funnelstream.infra.eventlog.LogRecordCodec;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The event log of the embedded default, in the Postgres tables {@code event_log} and {@code event_log_positions}
 * (migration 090), on any Postgres reached through R2DBC. One partition, 0; the offset is {@code event_log.seq}.
 *
 * <p>Appends are group-committed: concurrent appends share one transaction and one multi-row insert, and each
 * caller's Mono completes when that transaction has committed. Write transactions take turns through an advisory
 * lock (within a process and across processes), which keeps sequence order and commit order the same; up to
 * {@link PostgresEventLogSettings#writesInFlight()} of them are sent at once, so the next one waits for the lock in
 * the database, ready to insert, while the previous one commits.
 * A write that fails or outlasts {@link PostgresEventLogSettings#appendTimeout()} fails every append in it with
 * {@link EventLogUnavailableException}; so does an append that finds too many records already waiting.
 *
 * <p>Give it a pooled {@link ConnectionFactory} (r2dbc-pool): each write and each read takes a connection.
 */
public final class PostgresEventLog implements EventLog {

    /** The only partition of this log. */
    public static final int PARTITION = 0;

    /** Full writes' worth of records the committed tail keeps for readers at the head. */
    private static final int TAIL_WRITES = 4;

    private static final String END = "select coalesce(max(seq), -1) + 1 from event_log";

    private final ConnectionFactory connections;
    private final PostgresEventLogSettings settings;
    private final AppendSignal appended;
    private final CommittedTail tail;
    private final GroupCommit<LogRecord> commits;
    private final EventLogReader reader;
    private final Scheduler timer;

    public PostgresEventLog(ConnectionFactory connections, PostgresEventLogSettings settings, Scheduler timer) {
        LogRecordCodec codec = new LogRecordCodec();
        EventLogWriter writer = new EventLogWriter(connections, codec);
        this.connections = connections;
        this.settings = settings;
        this.timer = timer;
        this.appended = new AppendSignal(settings.pollInterval(), timer);
        this.tail = new CommittedTail(TAIL_WRITES * settings.maxBatchRecords());
        this.commits = new GroupCommit<>("event_log", settings.maxBatchRecords(), settings.maxPendingRecords(),
                settings.writesInFlight(), records -> write(writer, records), Schedulers.parallel());
        this.reader = new EventLogReader(connections, codec, appended, tail, settings.readBatchRecords());
    }

    public static PostgresEventLog create(ConnectionFactory connections) {
        return new PostgresEventLog(connections, PostgresEventLogSettings.defaults(), Schedulers.parallel());
    }

    @Override
    public Mono<Void> append(List<LogRecord> records) {
        return commits.submit(records);
    }

    @Override
    public Flux<LogBatch> consume(String consumerGroup, LogPositions positions) {
        return positions.load(consumerGroup, Set.of(PARTITION))
                .map(stored -> stored.getOrDefault(PARTITION, 0L))
                .flatMapMany(reader::from);
    }

    /** The next sequence value of the single partition: after the last committed record. */
    @Override
    public Mono<Map<Integer, Long>> endOffsets() {
        return Flux.usingWhen(
                        connections.create(),
                        c -> Flux.from(c.createStatement(END).execute())
                                .concatMap(r -> r.map((row, meta) -> Objects.requireNonNull(row.get(0, Long.class)))),
                        Connection::close)
                .single()
                .map(next -> Map.of(PARTITION, next));
    }

    /** Write transactions committed or attempted so far: far fewer than appends under concurrency. */
    public long writeTransactions() {
        return commits.writes();
    }

    /** Records handed to write transactions so far. */
    public long writtenRecords() {
        return commits.writtenItems();
    }

    private Mono<Void> write(EventLogWriter writer, List<LogRecord> records) {
        return writer.write(records)
                .timeout(settings.appendTimeout(), timer)
                .doOnNext(tail::add)
                .doOnSuccess(done -> appended.appended())
                .then()
                .onErrorMap(e -> !(e instanceof EventLogUnavailableException), PostgresEventLog::unavailable);
    }

    private static EventLogUnavailableException unavailable(Throwable e) {
        String why = e instanceof TimeoutException ? "write timed out" : "write failed: " + e.getMessage();
        return new EventLogUnavailableException("event_log " + why, e);
    }
}
