package io.funnelstream.engine.webhook;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.webhook.Verification.Reason;
import io.funnelstream.engine.webhook.Verification.Rejected;
import io.funnelstream.engine.webhook.Verification.Verified;
import reactor.core.publisher.Mono;

/**
 * Unifonic signs nothing, so a per-tenant shared secret is configured into the callback, either as header
 * {@code X-Unifonic-Secret} or as query parameter {@code secret}, and compared in constant time.
 */
final class UnifonicVerifier implements WebhookVerifier {

    static final String SECRET_HEADER = "X-Unifonic-Secret";

    @Override
    public Provider provider() {
        return Provider.UNIFONIC;
    }

    @Override
    public Mono<Verification> verify(WebhookRequest request, ProviderCredentials credentials) {
        return Mono.fromSupplier(() -> check(request, credentials));
    }

    private static Verification check(WebhookRequest request, ProviderCredentials credentials) {
        if (!request.method().equals("POST") && !request.method().equals("GET")) {
            return new Rejected(Reason.UNSUPPORTED_METHOD, "Unifonic calls back with POST or GET");
        }
        String expected = credentials.unifonicSecret();
        if (expected == null || Crypto.isBlank(expected)) {
            return new Rejected(Reason.NOT_CONFIGURED, "no Unifonic shared secret");
        }
        String presented = request.headers().first(SECRET_HEADER)
                .or(() -> request.queryParameter("secret"))
                .orElse("");
        if (presented.isEmpty()) {
            return new Rejected(Reason.MISSING_SIGNATURE, "missing " + SECRET_HEADER + " header or secret parameter");
        }
        return Crypto.secretsEqual(presented, expected)
                ? new Verified(request)
                : new Rejected(Reason.BAD_SIGNATURE, "shared secret does not match");
    }
}
