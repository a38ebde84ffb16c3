package io.funnelstream.engine.webhook;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.webhook.Verification.Reason;
import io.funnelstream.engine.webhook.Verification.Rejected;
import io.funnelstream.engine.webhook.Verification.Verified;
import java.security.MessageDigest;
import reactor.core.publisher.Mono;

/**
 * Meta WhatsApp Cloud API: a POST carries {@code X-Hub-Signature-256: sha256=<hex>}, HMAC-SHA256 under the app
 * secret of the raw body bytes (which Meta writes with {@code \\uXXXX} escapes; never re-encoded here). The GET
 * subscription handshake is authenticated by the verify token chosen at subscription.
 */
final class MetaVerifier implements WebhookVerifier {

    static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";

    @Override
    public Provider provider() {
        return Provider.META;
    }

    @Override
    public Mono<Verification> verify(WebhookRequest request, ProviderCredentials credentials) {
        return Mono.fromSupplier(() -> switch (request.method()) {
            case "GET" -> handshake(request, credentials);
            case "POST" -> signed(request, credentials);
            default -> new Rejected(Reason.UNSUPPORTED_METHOD, "Meta sends GET handshakes and POST events");
        });
    }

    private static Verification handshake(WebhookRequest request, ProviderCredentials credentials) {
        String expected = credentials.metaVerifyToken();
        if (expected == null || Crypto.isBlank(expected)) {
            return new Rejected(Reason.NOT_CONFIGURED, "no Meta verify token");
        }
        if (!request.queryParameter("hub.mode").orElse("").equals("subscribe")) {
            return new Rejected(Reason.MALFORMED_REQUEST, "hub.mode is not subscribe");
        }
        String presented = request.queryParameter("hub.verify_token").orElse("");
        if (presented.isEmpty()) {
            return new Rejected(Reason.MISSING_SIGNATURE, "missing hub.verify_token");
        }
        return Crypto.secretsEqual(presented, expected)
                ? new Verified(request)
                : new Rejected(Reason.BAD_SIGNATURE, "hub.verify_token does not match");
    }

    private static Verification signed(WebhookRequest request, ProviderCredentials credentials) {
        String secret = credentials.metaAppSecret();
        if (secret == null || Crypto.isBlank(secret)) {
            return new Rejected(Reason.NOT_CONFIGURED, "no Meta app secret");
        }
        String header = request.headers().first(SIGNATURE_HEADER).orElse("");
        if (header.isEmpty()) {
            return new Rejected(Reason.MISSING_SIGNATURE, "missing " + SIGNATURE_HEADER);
        }
        byte[] presented = header.startsWith(PREFIX) ? Crypto.hex(header.substring(PREFIX.length())) : null;
        if (presented == null) {
            return new Rejected(Reason.BAD_SIGNATURE, SIGNATURE_HEADER + " is not sha256=<hex>");
        }
        byte[] expected = Crypto.hmac("HmacSHA256", secret, request.body());
        return MessageDigest.isEqual(expected, presented)
                ? new Verified(request)
                : new Rejected(Reason.BAD_SIGNATURE, "HMAC of body does not match");
    }
}
