package io.funnelstream.engine.ingest;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.normalize.Normalizer;
import io.funnelstream.engine.webhook.ProviderCredentials;
import io.funnelstream.engine.webhook.Verification;
import io.funnelstream.engine.webhook.WebhookRequest;
import io.funnelstream.engine.webhook.WebhookVerifier;
import java.util.Objects;
import reactor.core.publisher.Mono;

/** One provider's verifier and normaliser, applied in that order. */
public record WebhookProvider(Provider provider, WebhookVerifier verifier, Normalizer normalizer) {

    public WebhookProvider {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(normalizer, "normalizer");
        if (verifier.provider() != provider || normalizer.provider() != provider) {
            throw new IllegalArgumentException("verifier and normalizer must both be for " + provider);
        }
    }

    /** Verifies the request and, if authentic, normalises it. */
    public Mono<WebhookOutcome> handle(WebhookRequest request, ProviderCredentials credentials) {
        return verifier.verify(request, credentials).map(verification -> switch (verification) {
            case Verification.Verified verified -> new WebhookOutcome.Accepted(normalizer.normalize(verified));
            case Verification.Rejected rejected -> new WebhookOutcome.Denied(rejected);
        });
    }
}
