package io.funnelstream.infra.postgres;

import static io.funnelstream.infra.postgres.Sql.required;

import io.funnelstream.engine.experiment.Assignment;
import io.funnelstream.engine.experiment.Experiment;
import io.funnelstream.engine.experiment.ExperimentDesign;
import io.funnelstream.engine.experiment.ExperimentStatus;
import io.funnelstream.engine.experiment.ExperimentStore;
import io.funnelstream.engine.experiment.Metric;
import io.funnelstream.engine.experiment.Variant;
import io.funnelstream.engine.experiment.stats.Proportion;
import io.funnelstream.engine.model.TenantId;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Experiments, variants and assignments in Postgres, under the tenant's row-level security. */
final class R2dbcExperimentStore implements ExperimentStore {

    private static final String COLUMNS = "id, distribution_id, name, status, metric, alpha, power,"
            + " min_detectable_effect, max_sample_per_arm, test_share, deadline, winner_variant, winner_reason,"
            + " created_at";

    private final TenantTransactions transactions;

    R2dbcExperimentStore(TenantTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public Mono<Experiment> create(TenantId tenant, ExperimentDesign d) {
        return transactions.inTenant(tenant, c -> Sql.query(c, """
                        insert into ab_experiments (tenant_id, distribution_id, name, metric, alpha, power,
                            min_detectable_effect, max_sample_per_arm, test_share, deadline)
                        select $1, $2, $3, $4, $5, $6, $7, $8, $9, $10::timestamptz
                        where exists (select 1 from distributions where tenant_id = $1 and id = $2)
                        returning id""", row -> required(row, "id", UUID.class),
                        tenant.value(), d.distribution(), d.name(), d.metric().slug(), d.alpha(), d.power(),
                        d.minimumDetectableEffect(), d.maxSamplePerArm(), d.testShare(), Sql.text(d.deadline()))
                // a statement runs only once the one before has been read to its end, on one connection
                .singleOrEmpty()
                .flatMapMany(id -> insertVariants(c, tenant, id, d.variants())
                        .thenMany(load(c, tenant, "id = $2", id))))
                .singleOrEmpty();
    }

    private static Mono<Void> insertVariants(Connection c, TenantId tenant, UUID experiment, List<Variant> variants) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            positions.add(i);
        }
        return Flux.fromIterable(positions).concatMap(i -> {
            Variant v = variants.get(i);
            List<String> keys = new ArrayList<>(v.settings().keySet());
            String[] values = keys.stream().map(v.settings()::get).toArray(String[]::new);
            return Sql.update(c, """
                    insert into ab_variants (tenant_id, experiment_id, key, position, weight, settings)
                    values ($1, $2, $3, $4, $5, jsonb_object($6::text[], $7::text[]))""",
                    tenant.value(), experiment, v.key(), i, v.weight(), keys.toArray(String[]::new), values);
        }).then();
    }

    @Override
    public Mono<Experiment> find(TenantId tenant, UUID experiment) {
        return transactions.inTenant(tenant, c -> load(c, tenant, "id = $2", experiment)).singleOrEmpty();
    }

    @Override
    public Flux<Experiment> list(TenantId tenant, int limit) {
        return transactions.inTenant(tenant, c -> load(c, tenant, "true order by created_at desc, id limit $2", limit));
    }

    @Override
    public Mono<Experiment> findForDistribution(TenantId tenant, UUID distribution) {
        return transactions.inTenant(tenant, c -> load(c, tenant, "distribution_id = $2"
                        + " and (status in ('running', 'paused')"
                        + " or (status = 'stopped' and winner_variant is not null))"
                        + " order by created_at desc, id limit 1", distribution))
                .singleOrEmpty();
    }

    @Override
    public Mono<Experiment> changeStatus(
            TenantId tenant, UUID experiment, ExperimentStatus from, ExperimentStatus to, Instant at) {
        return transactions.inTenant(tenant, c -> Sql.update(c, """
                        update ab_experiments set status = $4,
                            started_at = case when $4 = 'running' then coalesce(started_at, $5::timestamptz)
                                else started_at end,
                            stopped_at = case when $4 = 'stopped' then $5::timestamptz else stopped_at end
                        where tenant_id = $1 and id = $2 and status = $3""",
                        tenant.value(), experiment, from.slug(), to.slug(), Sql.text(at))
                .flatMapMany(n -> n == 0 ? Flux.empty() : load(c, tenant, "id = $2", experiment)))
                .singleOrEmpty();
    }

    @Override
    public Mono<Experiment> recordWinner(TenantId tenant, UUID experiment, String variant, String reason) {
        return transactions.inTenant(tenant, c -> Sql.update(c, """
                        update ab_experiments set winner_variant = $3, winner_reason = $4
                        where tenant_id = $1 and id = $2 and winner_variant is null""",
                        tenant.value(), experiment, variant, reason)
                .thenMany(load(c, tenant, "id = $2", experiment)))
                .singleOrEmpty();
    }

    @Override
    public Mono<Assignment.Send> recordAssignment(
            TenantId tenant, UUID experiment, UUID recipient, String variant, boolean inTest) {
        Mono<Assignment.Send> once = transactions.inTenant(tenant, c -> Sql.query(c, """
                        with inserted as (
                            insert into ab_assignments (tenant_id, experiment_id, recipient_id, variant_key, in_test)
                            values ($1, $2, $3, $4, $5)
                            on conflict do nothing
                            returning variant_key, in_test)
                        select variant_key, in_test from inserted
                        union all
                        select variant_key, in_test from ab_assignments
                        where tenant_id = $1 and experiment_id = $2 and recipient_id = $3""",
                        row -> new Assignment.Send(required(row, "variant_key", String.class),
                                required(row, "in_test", Boolean.class)),
                        tenant.value(), experiment, recipient, variant, inTest))
                .collectList() // never take(1): a cancelled transaction rolls back
                .flatMap(sends -> Mono.justOrEmpty(sends.stream().findFirst()));
        // an insert racing another instance's can see neither row in its snapshot: the second try sees the winner
        return once.switchIfEmpty(Mono.defer(() -> once));
    }

    @Override
    public Mono<Map<String, Long>> assignedCounts(TenantId tenant, UUID experiment) {
        return transactions.inTenant(tenant, c -> Sql.query(c, """
                        select variant_key, count(*)::bigint as n from ab_assignments
                        where tenant_id = $1 and experiment_id = $2 and in_test
                        group by variant_key""",
                        row -> Map.entry(required(row, "variant_key", String.class), required(row, "n", Long.class)),
                        tenant.value(), experiment))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    @Override
    public Mono<Map<String, Proportion>> outcomes(TenantId tenant, UUID experiment, UUID distribution, Metric metric) {
        return transactions.inTenant(tenant, c -> Sql.query(c, ExperimentSql.OUTCOMES,
                        row -> Map.entry(required(row, "variant_key", String.class), new Proportion(
                                required(row, "successes", Long.class), required(row, "trials", Long.class))),
                        tenant.value(), experiment, distribution, ExperimentSql.stage(metric)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** The experiments matching {@code where} (over {@code $1} tenant and {@code $2} the argument), with variants. */
    private static Flux<Experiment> load(Connection c, TenantId tenant, String where, Object argument) {
        return Sql.query(c, "select " + COLUMNS + " from ab_experiments where tenant_id = $1 and " + where,
                        ExperimentRow::of, tenant.value(), argument)
                .collectList()
                .flatMapMany(rows -> rows.isEmpty() ? Flux.empty() : variants(c, tenant, rows)
                        .map(variants -> rows.stream()
                                .map(r -> r.toExperiment(variants.getOrDefault(r.id(), List.of())))
                                .toList())
                        .flatMapIterable(list -> list));
    }

    private static Mono<Map<UUID, List<Variant>>> variants(Connection c, TenantId tenant, List<ExperimentRow> rows) {
        UUID[] ids = rows.stream().map(ExperimentRow::id).toArray(UUID[]::new);
        return Sql.query(c, """
                        select experiment_id, key, weight,
                            (select coalesce(array_agg(k order by k), '{}') from jsonb_object_keys(settings) k)
                                as setting_keys,
                            (select coalesce(array_agg(settings ->> k order by k), '{}')
                                from jsonb_object_keys(settings) k) as setting_values
                        from ab_variants where tenant_id = $1 and experiment_id = any($2)
                        order by experiment_id, position""",
                        row -> Map.entry(required(row, "experiment_id", UUID.class), variant(row)),
                        tenant.value(), ids)
                .collect(HashMap::new, (map, e) -> map.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue()));
    }

    private static Variant variant(Readable row) {
        String[] keys = required(row, "setting_keys", String[].class);
        String[] values = required(row, "setting_values", String[].class);
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            settings.put(keys[i], values[i]);
        }
        return new Variant(required(row, "key", String.class), required(row, "weight", Double.class), settings);
    }
}
