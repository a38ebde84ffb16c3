package io.funnelstream.infra.postgres;

import io.funnelstream.engine.alert.AlertKind;
import io.funnelstream.engine.alert.AlertRule;
import io.funnelstream.engine.alert.AlertRuleStore;
import io.funnelstream.engine.alert.AlertRules;
import io.funnelstream.engine.model.TenantId;
import io.r2dbc.spi.Readable;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Tenants' alert rules in {@code alert_rules}, under row-level security. A row of an unknown kind is skipped. */
final class R2dbcAlertRuleStore implements AlertRuleStore {

    private final TenantTransactions transactions;

    R2dbcAlertRuleStore(TenantTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public Mono<AlertRules> rules(TenantId tenant) {
        return transactions.inTenant(tenant, c -> Flux.from(c.createStatement("""
                                select kind, threshold, min_sample, margin, clear_after from alert_rules
                                where tenant_id = $1""")
                        .bind(0, tenant.value())
                        .execute())
                .concatMap(r -> r.map(R2dbcAlertRuleStore::row)))
                .collectList()
                .map(rows -> {
                    Map<AlertKind, AlertRule> rules = new EnumMap<>(AlertKind.class);
                    rows.forEach(row -> AlertKind.fromSlug(row.kind()).ifPresent(kind -> rules.put(kind, row.rule())));
                    return new AlertRules(rules);
                });
    }

    @Override
    public Mono<Void> put(TenantId tenant, AlertKind kind, AlertRule rule) {
        return transactions.inTenant(tenant, c -> Flux.from(c.createStatement("""
                                insert into alert_rules (tenant_id, kind, threshold, min_sample, margin, clear_after)
                                values ($1, $2, $3, $4, $5, $6)
                                on conflict (tenant_id, kind) do update
                                set threshold = excluded.threshold, min_sample = excluded.min_sample,
                                    margin = excluded.margin, clear_after = excluded.clear_after, updated_at = now()""")
                        .bind(0, tenant.value())
                        .bind(1, kind.slug())
                        .bind(2, rule.threshold())
                        .bind(3, rule.minSample())
                        .bind(4, rule.margin())
                        .bind(5, rule.clearAfter())
                        .execute())
                .concatMap(r -> r.getRowsUpdated()))
                .then();
    }

    @Override
    public Mono<Boolean> delete(TenantId tenant, AlertKind kind) {
        return transactions.inTenant(tenant, c -> Flux.from(c.createStatement(
                                "delete from alert_rules where tenant_id = $1 and kind = $2")
                        .bind(0, tenant.value())
                        .bind(1, kind.slug())
                        .execute())
                .concatMap(r -> r.getRowsUpdated()))
                .reduce(0L, Long::sum)
                .map(n -> n > 0);
    }

    private record Row(String kind, AlertRule rule) {}

    private static Row row(Readable row) {
        return new Row(Objects.requireNonNull(row.get("kind", String.class), "kind"), new AlertRule(
                Objects.requireNonNull(row.get("threshold", Double.class), "threshold"),
                Objects.requireNonNull(row.get("min_sample", Long.class), "min_sample"),
                Objects.requireNonNull(row.get("margin", Double.class), "margin"),
                Objects.requireNonNull(row.get("clear_after", Integer.class), "clear_after")));
    }
}
