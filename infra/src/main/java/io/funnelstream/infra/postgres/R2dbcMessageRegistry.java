package io.funnelstream.infra.postgres;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.MessageRegistry;
import io.funnelstream.engine.port.StoredMessage;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** Messages queued through the event log and looked up in Postgres as their tenant. */
final class R2dbcMessageRegistry implements MessageRegistry {

    private static final String BY_ID =
            "select " + MessageSql.COLUMNS + " from messages where tenant_id = $1 and id = $2";
    private static final String BY_PROVIDER_ID = "select " + MessageSql.COLUMNS
            + " from messages where tenant_id = $1 and provider = $2 and provider_message_id = $3";

    private final EventLog eventLog;
    private final TenantTransactions transactions;

    R2dbcMessageRegistry(EventLog eventLog, TenantTransactions transactions) {
        this.eventLog = Objects.requireNonNull(eventLog, "eventLog");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public Mono<UUID> queue(LogRecord.MessageQueued message) {
        return eventLog.append(List.of(message)).thenReturn(message.messageId());
    }

    @Override
    public Mono<StoredMessage> find(TenantId tenant, UUID messageId) {
        return transactions.inTenant(tenant, c -> Sql.query(c, BY_ID, MessageSql::message, tenant.value(), messageId))
                .singleOrEmpty();
    }

    @Override
    public Mono<StoredMessage> findByProviderMessageId(TenantId tenant, Provider provider, String providerMessageId) {
        return transactions.inTenant(tenant, c -> Sql.query(c, BY_PROVIDER_ID, MessageSql::message, tenant.value(),
                        provider.slug(), providerMessageId))
                .singleOrEmpty();
    }
}
