package io.funnelstream.infra.embedded;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogEntry;
import io.funnelstream.engine.port.LogPosition;
import io.funnelstream.engine.port.LogRange;
import io.funnelstream.infra.eventlog.LogRecordCodec;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the event log from a position on, one batch per demand: a batch is read only when the consumer asks for
 * one, and an empty read waits for the next append (or the poll interval) before reading again. A reader at the
 * head of the log takes what this process just committed from the {@link CommittedTail} instead of the table.
 */
final class EventLogReader {

    private static final String READ = """
            select seq, tenant_id, kind, payload from event_log where seq >= $1 order by seq limit $2""";
    private static final LogBatch.Acknowledgement NOTHING_TO_RELEASE = Mono::empty;

    private final ConnectionFactory connections;
    private final LogRecordCodec codec;
    private final AppendSignal appended;
    private final CommittedTail tail;
    private final int batchRecords;

    EventLogReader(ConnectionFactory connections, LogRecordCodec codec, AppendSignal appended, CommittedTail tail,
            int batchRecords) {
        this.connections = connections;
        this.codec = codec;
        this.appended = appended;
        this.tail = tail;
        this.batchRecords = batchRecords;
    }

    /** Batches from {@code start} on, for ever; at most one read ahead of demand. */
    Flux<LogBatch> from(long start) {
        return Flux.defer(() -> {
            AtomicLong next = new AtomicLong(start);
            return Flux.<Integer>generate(tick -> tick.next(0))
                    .concatMap(tick -> nextBatch(next), 0);
        });
    }

    private Mono<LogBatch> nextBatch(AtomicLong next) {
        return Mono.defer(() -> {
                    long seen = appended.version();
                    long from = next.get();
                    List<LogEntry> committed = tail.from(from, batchRecords);
                    if (!committed.isEmpty()) {
                        return Mono.just(batch(from, committed));
                    }
                    return read(from).filter(b -> !b.isEmpty()).switchIfEmpty(appended.after(seen));
                })
                .repeatWhenEmpty(retries -> retries)
                .doOnNext(b -> next.set(b.ranges().getFirst().next()));
    }

    private Mono<LogBatch> read(long from) {
        return Flux.usingWhen(
                        connections.create(),
                        c -> Flux.from(c.createStatement(READ).bind(0, from).bind(1, batchRecords).execute())
                                .concatMap(r -> r.map(this::entry)),
                        Connection::close)
                .collectList()
                .map(entries -> batch(from, entries));
    }

    private LogEntry entry(Readable row) {
        long seq = Objects.requireNonNull(row.get("seq", Long.class), "seq");
        String kind = Objects.requireNonNull(row.get("kind", String.class), "kind");
        ByteBuffer payload = Objects.requireNonNull(row.get("payload", ByteBuffer.class), "payload");
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        UUID tenant = row.get("tenant_id", UUID.class);
        return new LogEntry(new LogPosition(0, seq),
                codec.decodeOrUnreadable(tenant == null ? null : new TenantId(tenant), kind, bytes));
    }

    private static LogBatch batch(long from, List<LogEntry> entries) {
        if (entries.isEmpty()) {
            return new LogBatch(entries, List.of(), NOTHING_TO_RELEASE);
        }
        long next = entries.getLast().position().offset() + 1;
        return new LogBatch(entries, List.of(new LogRange(0, from, next)), NOTHING_TO_RELEASE);
    }
}
