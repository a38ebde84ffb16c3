package io.funnelstream.infra.postgres;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.MessageStore.PendingWindow;
import io.funnelstream.engine.port.MessageStore.WindowPart;
import io.funnelstream.engine.rollup.WindowId;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code rollup_outbox} and {@code rollup_applied} tables (migration 091). */
final class OutboxSql {

    private static final String WRITE = """
            insert into rollup_outbox (tenant_id, log_partition, first_offset, last_offset, delta)
            select u.tenant::uuid, u.part, u.first::bigint, u.last::bigint, u.delta::jsonb
            from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
                as u(tenant, part, first, last, delta)
            returning id, tenant_id, log_partition, first_offset""";

    private static final String PENDING = """
            select id, tenant_id, log_partition, first_offset, last_offset, delta::text as delta from rollup_outbox
            where id > $1 and created_at <= now() - make_interval(secs => $2::double precision / 1000)
            order by id limit $3""";

    private static final String APPLIED = """
            with done as (
                delete from rollup_outbox where id = any($1::text[]::bigint[])
                returning tenant_id, log_partition, last_offset
            )
            insert into rollup_applied as a (tenant_id, log_partition, last_offset)
            select tenant_id, log_partition, max(last_offset) from done
            group by tenant_id, log_partition order by tenant_id, log_partition
            on conflict (tenant_id, log_partition)
            do update set last_offset = greatest(a.last_offset, excluded.last_offset), updated_at = now()""";

    private static final String BACKLOG = "select count(*) as n from rollup_outbox";

    private OutboxSql() {}

    static Flux<PendingWindow> write(Connection c, List<WindowPart> parts) {
        int n = parts.size();
        String[][] cols = new String[5][n];
        Map<String, WindowPart> byKey = new HashMap<>();
        for (int i = 0; i < n; i++) {
            WindowPart p = parts.get(i);
            cols[0][i] = p.tenant().toString();
            cols[1][i] = p.window().partition();
            cols[2][i] = Long.toString(p.window().firstOffset());
            cols[3][i] = Long.toString(p.window().lastOffset());
            cols[4][i] = RollupDeltaJson.write(p.delta());
            byKey.put(key(p.tenant().value(), p.window().partition(), p.window().firstOffset()), p);
        }
        return Sql.query(c, WRITE, row -> {
            WindowPart p = byKey.get(key(Sql.required(row, "tenant_id", UUID.class),
                    Sql.required(row, "log_partition", String.class), Sql.required(row, "first_offset", Long.class)));
            return new PendingWindow(Sql.required(row, "id", Long.class), p.tenant(), p.window(), p.delta());
        }, cols[0], cols[1], cols[2], cols[3], cols[4]);
    }

    static Flux<PendingWindow> pending(Connection c, long afterId, int limit, Duration minAge) {
        return Sql.query(c, PENDING, OutboxSql::pendingWindow, afterId, minAge.toMillis(), limit);
    }

    static Mono<Void> applied(Connection c, Collection<PendingWindow> windows) {
        String[] ids = windows.stream().map(w -> Long.toString(w.id())).toArray(String[]::new);
        return Sql.update(c, APPLIED, (Object) ids).then();
    }

    static Mono<Long> backlog(Connection c) {
        return Sql.query(c, BACKLOG, row -> Sql.required(row, "n", Long.class)).single();
    }

    private static PendingWindow pendingWindow(Readable row) {
        TenantId tenant = new TenantId(Sql.required(row, "tenant_id", UUID.class));
        WindowId window = new WindowId(Sql.required(row, "log_partition", String.class),
                Sql.required(row, "first_offset", Long.class), Sql.required(row, "last_offset", Long.class));
        return new PendingWindow(Sql.required(row, "id", Long.class), tenant, window,
                RollupDeltaJson.read(tenant, Sql.required(row, "delta", String.class)));
    }

    private static String key(UUID tenant, String partition, long first) {
        return tenant + "/" + partition + "/" + first;
    }
}
