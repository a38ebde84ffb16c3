package io.funnelstream.engine.webhook;

import io.funnelstream.engine.model.Provider;
import reactor.core.publisher.Mono;

/**
 * Decides whether a request really comes from one provider. Expected failures are {@link Verification.Rejected}
 * values; the Mono errors only when a port fails (a certificate cannot be fetched, the replay store is down),
 * which is worth a retry by the provider.
 */
public interface WebhookVerifier {

    Provider provider();

    Mono<Verification> verify(WebhookRequest request, ProviderCredentials credentials);
}
