package io.funnelstream.infra.postgres;

import io.funnelstream.engine.analytics.DistributionCatalog;
import io.funnelstream.engine.analytics.DistributionInfo;
import io.funnelstream.engine.analytics.FailureReason;
import io.funnelstream.engine.model.TenantId;
import io.r2dbc.spi.Row;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Distributions and their failure reasons from Postgres, under the tenant's row-level security. */
final class R2dbcDistributionCatalog implements DistributionCatalog {

    private static final String COLUMNS = "id, name, status, created_at";

    /** The time of a message's most serious failure: the first time at the failure stage of highest rank. */
    private static final String FAILED_AT =
            "coalesce(bounced_at, failed_at, undelivered_at, dropped_at, soft_bounced_at, deferred_at)";

    static final String FAILURES = "select status, bounce_class, left(failure_reason, 200) as reason, error_code,"
            + " count(*)::bigint as messages\n"
            + "from messages\n"
            + "where tenant_id = $1 and distribution_id = $2 and " + FAILED_AT + " >= $3 and " + FAILED_AT + " < $4\n"
            + "group by 1, 2, 3, 4\n"
            + "order by messages desc, status, reason nulls last, error_code nulls last\n"
            + "limit $5";

    private final TenantTransactions transactions;

    R2dbcDistributionCatalog(TenantTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public Flux<DistributionInfo> list(TenantId tenant, int limit) {
        return transactions.inTenant(tenant, c -> Flux.from(c.createStatement("select " + COLUMNS
                                + " from distributions where tenant_id = $1 order by created_at desc, id limit $2")
                        .bind(0, tenant.value())
                        .bind(1, limit)
                        .execute())
                .concatMap(r -> r.map((row, meta) -> info(row))));
    }

    @Override
    public Mono<DistributionInfo> find(TenantId tenant, UUID distribution) {
        return transactions.inTenant(tenant, c -> Flux.from(c.createStatement(
                                        "select " + COLUMNS + " from distributions where tenant_id = $1 and id = $2")
                                .bind(0, tenant.value())
                                .bind(1, distribution)
                                .execute())
                        .concatMap(r -> r.map((row, meta) -> info(row))))
                .singleOrEmpty();
    }

    @Override
    public Flux<FailureReason> failures(TenantId tenant, UUID distribution, Instant from, Instant to, int limit) {
        return transactions.inTenant(tenant, c -> Flux.from(c.createStatement(FAILURES)
                        .bind(0, tenant.value())
                        .bind(1, distribution)
                        .bind(2, from)
                        .bind(3, to)
                        .bind(4, limit)
                        .execute())
                .concatMap(r -> r.map((row, meta) -> new FailureReason(
                        Objects.requireNonNull(row.get("status", String.class), "status"),
                        row.get("bounce_class", String.class),
                        row.get("reason", String.class),
                        row.get("error_code", String.class),
                        Objects.requireNonNull(row.get("messages", Long.class), "messages")))));
    }

    private static DistributionInfo info(Row row) {
        return new DistributionInfo(
                Objects.requireNonNull(row.get("id", UUID.class), "id"),
                Objects.requireNonNull(row.get("name", String.class), "name"),
                Objects.requireNonNull(row.get("status", String.class), "status"),
                Objects.requireNonNull(row.get("created_at", Instant.class), "created_at"));
    }
}
