package io.funnelstream.engine.webhook;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.webhook.Verification.Reason;
import io.funnelstream.engine.webhook.Verification.Rejected;
import io.funnelstream.engine.webhook.Verification.Verified;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * SendGrid's Signed Event Webhook: ECDSA P-256 with SHA-256 (DER signature, base64) over the timestamp header
 * followed by the raw body bytes exactly as received (real bodies end with CRLF).
 */
final class SendGridVerifier implements WebhookVerifier {

    static final String SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";
    static final String TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";
    private static final int KEY_CACHE_LIMIT = 1024;

    private final WebhookSettings settings;
    private final Clock clock;
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();

    SendGridVerifier(WebhookSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Provider provider() {
        return Provider.SENDGRID;
    }

    @Override
    public Mono<Verification> verify(WebhookRequest request, ProviderCredentials credentials) {
        return Mono.fromSupplier(() -> check(request, credentials));
    }

    private Verification check(WebhookRequest request, ProviderCredentials credentials) {
        if (!request.method().equals("POST")) {
            return new Rejected(Reason.UNSUPPORTED_METHOD, "SendGrid posts events");
        }
        String encodedKey = credentials.sendGridVerificationKey();
        PublicKey key = Crypto.isBlank(encodedKey) ? null : publicKey(encodedKey);
        if (key == null) {
            return new Rejected(Reason.NOT_CONFIGURED, "no valid SendGrid verification key");
        }
        String signature = request.headers().first(SIGNATURE_HEADER).orElse("");
        String timestamp = request.headers().first(TIMESTAMP_HEADER).orElse("");
        if (signature.isEmpty() || timestamp.isEmpty()) {
            return new Rejected(Reason.MISSING_SIGNATURE, "missing " + SIGNATURE_HEADER + " or " + TIMESTAMP_HEADER);
        }
        Instant signedAt = Freshness.epochSeconds(timestamp);
        byte[] der = Crypto.base64(signature);
        if (signedAt == null || der == null) {
            return new Rejected(Reason.BAD_SIGNATURE, "signature is not base64 or timestamp is not epoch seconds");
        }
        if (!ecdsaValid(key, der, timestamp.getBytes(StandardCharsets.US_ASCII), request.body())) {
            return new Rejected(Reason.BAD_SIGNATURE, "ECDSA signature does not match timestamp and body");
        }
        Rejected stale = Freshness.check(signedAt, clock.instant(), settings);
        return stale != null ? stale : new Verified(request);
    }

    private static boolean ecdsaValid(PublicKey key, byte[] der, byte[] timestamp, byte[] body) {
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initVerify(key);
            ecdsa.update(timestamp);
            ecdsa.update(body);
            return ecdsa.verify(der);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private @Nullable PublicKey publicKey(String encoded) {
        PublicKey cached = keys.get(encoded);
        if (cached != null) {
            return cached;
        }
        PublicKey parsed = parse(encoded);
        if (parsed != null) {
            if (keys.size() >= KEY_CACHE_LIMIT) {
                keys.clear();
            }
            keys.put(encoded, parsed);
        }
        return parsed;
    }

    /** Base64 DER SubjectPublicKeyInfo, PEM armour tolerated; null when it is not an EC public key. */
    private static @Nullable PublicKey parse(String encoded) {
        String base64 = encoded.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        byte[] der = Crypto.base64(base64);
        if (der == null) {
            return null;
        }
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            return null;
        }
    }
}
