package io.funnelstream.infra.embedded;

import io.funnelstream.engine.port.LogEntry;
import io.funnelstream.engine.port.LogPosition;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.infra.eventlog.LogRecordCodec;
import io.funnelstream.infra.postgres.PgArray;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes one batch of records as one statement in its own (auto-commit) transaction: one round trip. The
 * statement first takes the writer lock (a one-time filter the executor evaluates before producing any row, so
 * before any sequence value is drawn), then inserts every record in the batch's order. The lock, held until
 * commit, makes writers of every process take turns, so sequence values become visible in increasing order. It
 * answers with the records' positions, which rise in the batch's order (rows are inserted, and their identity
 * values drawn, in that order).
 */
final class EventLogWriter {

    /** An arbitrary constant naming the event log's writer lock (ASCII "fsevlog"). */
    static final long WRITER_LOCK = 0x66_73_65_76_6c_6f_67L;

    /**
     * Every parameter goes as a binary array ({@link PgArray}): nothing to escape on our side and nothing to parse on
     * the server's, which for JSON payloads as text cost more than the insert.
     */
    private static final String INSERT = """
            with writer_lock as materialized (select pg_advisory_xact_lock(%d))
            insert into event_log (tenant_id, kind, payload)
            select r.tenant_id, r.kind, r.payload
            from unnest($1::uuid[], $2::text[], $3::bytea[]) with ordinality as r(tenant_id, kind, payload, ord)
            where exists (select from writer_lock)
            order by r.ord
            returning seq""".formatted(WRITER_LOCK);

    private final ConnectionFactory connections;
    private final LogRecordCodec codec;

    EventLogWriter(ConnectionFactory connections, LogRecordCodec codec) {
        this.connections = connections;
        this.codec = codec;
    }

    /** The records with their positions, once committed. Needs connections in auto-commit mode (the R2DBC default). */
    Mono<List<LogEntry>> write(List<LogRecord> records) {
        int n = records.size();
        UUID[] tenants = new UUID[n];
        String[] kinds = new String[n];
        byte[][] payloads = new byte[n][];
        for (int i = 0; i < n; i++) {
            LogRecord r = records.get(i);
            tenants[i] = r.tenant().value();
            kinds[i] = codec.kind(r);
            payloads[i] = codec.encode(r);
        }
        return Mono.usingWhen(
                connections.create(),
                c -> Flux.from(c.createStatement(INSERT)
                                .bind(0, PgArray.uuids(tenants))
                                .bind(1, PgArray.texts(kinds))
                                .bind(2, PgArray.byteas(payloads))
                                .execute())
                        .concatMap(r -> r.map((row, meta) -> Objects.requireNonNull(row.get(0, Long.class))))
                        .collectList()
                        .flatMap(seqs -> seqs.size() == n ? Mono.just(entries(records, seqs))
                                : Mono.error(new IllegalStateException("inserted " + seqs.size() + " of " + n))),
                Connection::close);
    }

    private static List<LogEntry> entries(List<LogRecord> records, List<Long> seqs) {
        long[] sorted = seqs.stream().mapToLong(Long::longValue).sorted().toArray();
        List<LogEntry> entries = new ArrayList<>(sorted.length);
        for (int i = 0; i < sorted.length; i++) {
            entries.add(new LogEntry(new LogPosition(PostgresEventLog.PARTITION, sorted[i]), records.get(i)));
        }
        return entries;
    }
}
