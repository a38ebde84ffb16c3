package io.funnelstream.infra.postgres;

import io.funnelstream.engine.model.SurveyProgress;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.SurveyProgressSource;
import java.util.UUID;
import reactor.core.publisher.Flux;

/**
 * The open surveys of every tenant with messages, read tenant by tenant under row-level security (through the
 * message and type index of {@code survey_events}).
 */
final class R2dbcSurveyProgressSource implements SurveyProgressSource {

    private static final String TENANTS = "select t.id from funnelstream_rollup_tenants() as t(id)";

    private final TenantTransactions transactions;

    R2dbcSurveyProgressSource(TenantTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Flux<SurveyProgress> openSurveys() {
        return transactions.inTransaction(c -> Sql.query(c, TENANTS,
                        row -> new TenantId(Sql.required(row, "id", UUID.class))))
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(tenant -> transactions.inTenant(tenant, c -> SurveySql.open(c, tenant)));
    }
}
