package io.funnelstream.infra.embedded;

import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.infra.eventlog.LogRecordCodec;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes one batch of records in one transaction: one advisory lock, one multi-row insert (arrays unnested in
 * the records' order), one commit. The lock makes writers of every process take turns, so sequence values
 * become visible in increasing order.
 */
final class EventLogWriter {

    /** An arbitrary constant naming the event log's writer lock (ASCII "fsevlog"). */
    static final long WRITER_LOCK = 0x66_73_65_76_6c_6f_67L;

    private static final String LOCK = "select pg_advisory_xact_lock(" + WRITER_LOCK + ")";
    private static final String INSERT = """
            insert into event_log (tenant_id, kind, payload)
            select r.tenant_id, r.kind, convert_to(r.payload, 'UTF8')
            from unnest($1::uuid[], $2::text[], $3::text[]) with ordinality as r(tenant_id, kind, payload, ord)
            order by r.ord""";

    private final ConnectionFactory connections;
    private final LogRecordCodec codec;

    EventLogWriter(ConnectionFactory connections, LogRecordCodec codec) {
        this.connections = connections;
        this.codec = codec;
    }

    Mono<Void> write(List<LogRecord> records) {
        int n = records.size();
        UUID[] tenants = new UUID[n];
        String[] kinds = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            LogRecord r = records.get(i);
            tenants[i] = r.tenant().value();
            kinds[i] = codec.kind(r);
            payloads[i] = new String(codec.encode(r), StandardCharsets.UTF_8);
        }
        return Mono.usingWhen(
                connections.create(),
                c -> Mono.from(c.beginTransaction())
                        .then(rowsOf(c.createStatement(LOCK).execute()))
                        .then(rowsOf(c.createStatement(INSERT)
                                .bind(0, tenants)
                                .bind(1, kinds)
                                .bind(2, payloads)
                                .execute()))
                        .then(Mono.from(c.commitTransaction())),
                Connection::close,
                (c, e) -> Mono.from(c.rollbackTransaction()).onErrorComplete().then(Mono.from(c.close())),
                c -> Mono.from(c.rollbackTransaction()).onErrorComplete().then(Mono.from(c.close())));
    }

    private static Mono<Void> rowsOf(Publisher<? extends Result> results) {
        return Flux.from(results).concatMap(Result::getRowsUpdated).then();
    }
}
