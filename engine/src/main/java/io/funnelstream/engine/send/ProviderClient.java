package io.funnelstream.engine.send;

import io.funnelstream.engine.model.Provider;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * A provider's sending API. Implementations are non-blocking, apply their own time limit, retries, circuit
 * breaker, rate limit and bulkhead, and answer with a {@link SendOutcome} rather than an error for anything the
 * provider said or failed to say: the Mono errors only on a bug.
 */
public interface ProviderClient {

    Provider provider();

    /**
     * Sends one message.
     *
     * @param message what to send
     * @param credentials the tenant's decrypted secrets for this provider (names documented by each client)
     */
    Mono<SendOutcome> send(OutboundMessage message, Map<String, String> credentials);
}
