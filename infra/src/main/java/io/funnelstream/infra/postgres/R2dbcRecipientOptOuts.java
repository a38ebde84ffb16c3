package io.funnelstream.infra.postgres;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RecipientOptOuts;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** Recipients' recorded opt-outs ({@code recipients.opted_out_at}), under the tenant's row-level security. */
final class R2dbcRecipientOptOuts implements RecipientOptOuts {

    private static final String OPTED_OUT = "select opted_out_at is not null as out from recipients where id = $1";

    private final TenantTransactions transactions;

    R2dbcRecipientOptOuts(TenantTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Mono<Boolean> optedOut(TenantId tenant, UUID recipientId) {
        return transactions.inTenant(tenant, c -> Sql.query(c, OPTED_OUT,
                        row -> Sql.required(row, "out", Boolean.class), recipientId))
                .singleOrEmpty()
                .defaultIfEmpty(false);
    }
}
