package io.funnelstream.engine.port;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * Where messages are created and looked up. Creating a message goes through the event log like every provider
 * event: {@link #queue} appends a {@link LogRecord.MessageQueued}, and the pipeline inserts the row, applies the
 * events that arrived for it before it (a fast provider can report delivery before the sender has recorded the
 * send), and counts it in the rollups, all in one transaction. So a message is visible to {@link #find} once the
 * pipeline has applied its record, usually within a fraction of a second.
 */
public interface MessageRegistry {

    /**
     * Queues a message for the pipeline. Completes with its id once the record is durable in the event log;
     * errors with {@link EventLogUnavailableException} when the log cannot take it (then retry: queueing the
     * same message twice creates it once).
     */
    Mono<UUID> queue(LogRecord.MessageQueued message);

    /** The message as stored, or empty when there is none with this id (yet) in the tenant. */
    Mono<StoredMessage> find(TenantId tenant, UUID messageId);

    /** The message the provider knows by this id, or empty. */
    Mono<StoredMessage> findByProviderMessageId(TenantId tenant, Provider provider, String providerMessageId);
}
