package io.funnelstream.infra.postgres;

import io.funnelstream.engine.model.TenantId;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes the demo's survey, distributions and recipients under the tenant's row-level security, as the
 * distributions API will once it exists. Only the demo simulator ({@code run --demo}) uses it.
 */
public final class DemoCatalog {

    /** A recipient as created: one address on every channel. */
    public record Recipient(UUID id, String email, String phone) {}

    private final TenantTransactions transactions;

    public DemoCatalog(TenantTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    public Mono<UUID> survey(TenantId tenant, String title, String link) {
        UUID id = UUID.randomUUID();
        return transactions.inTenant(tenant, c -> Sql.update(c,
                        "insert into surveys (id, tenant_id, title, link) values ($1, $2, $3, $4)",
                        id, tenant.value(), title, link))
                .then(Mono.just(id));
    }

    /** A running distribution of the survey over the channels (email, sms, whatsapp). */
    public Mono<UUID> distribution(TenantId tenant, UUID survey, String name, List<String> channels) {
        UUID id = UUID.randomUUID();
        return transactions.inTenant(tenant, c -> Sql.update(c,
                        "insert into distributions (id, tenant_id, survey_id, name, status, channels, started_at)"
                                + " values ($1, $2, $3, $4, 'running', $5::text[], now())",
                        id, tenant.value(), survey, name, channels.toArray(String[]::new)))
                .then(Mono.just(id));
    }

    /** {@code count} recipients of the distribution, numbered from {@code first}, in one transaction. */
    public Flux<Recipient> recipients(TenantId tenant, UUID distribution, int first, int count) {
        return transactions.inTenant(tenant, c -> Flux.range(first, count).concatMap(n -> {
            Recipient r = new Recipient(UUID.randomUUID(), "person" + n + "@demo.example",
                    String.format("+1555%07d", n));
            return Sql.update(c, "insert into recipients (id, tenant_id, distribution_id, email, phone, whatsapp)"
                            + " values ($1, $2, $3, $4, $5, $5)", r.id(), tenant.value(), distribution, r.email(),
                    r.phone()).thenReturn(r);
        }));
    }
}
