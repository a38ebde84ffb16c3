package io.funnelstream.engine.webhook;

import io.funnelstream.engine.json.Json;
import io.funnelstream.engine.json.JsonParseException;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.webhook.ReplayGuard.Claim;
import io.funnelstream.engine.webhook.Verification.Reason;
import io.funnelstream.engine.webhook.Verification.Rejected;
import io.funnelstream.engine.webhook.Verification.Verified;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Mailgun: {@code signature.signature} is hex HMAC-SHA256 under the signing key of {@code timestamp + token}.
 * The signature does not cover the body, so each token may carry only one body inside the replay window.
 */
final class MailgunVerifier implements WebhookVerifier {

    private final WebhookSettings settings;
    private final Clock clock;
    private final ReplayGuard replayGuard;

    MailgunVerifier(WebhookSettings settings, Clock clock, ReplayGuard replayGuard) {
        this.settings = settings;
        this.clock = clock;
        this.replayGuard = replayGuard;
    }

    /** What the synchronous checks concluded, before the replay check. */
    private sealed interface Checked permits Refused, Signed {}

    private record Refused(Rejected rejection) implements Checked {}

    /** The signed part of a Mailgun body, once its signature and timestamp passed. */
    private record Signed(String timestamp, Instant signedAt, String token, String signature) implements Checked {}

    @Override
    public Provider provider() {
        return Provider.MAILGUN;
    }

    @Override
    public Mono<Verification> verify(WebhookRequest request, ProviderCredentials credentials) {
        return Mono.defer(() -> {
            byte[] body = request.body();
            return switch (check(request, body, credentials)) {
                case Refused refused -> Mono.just(refused.rejection());
                case Signed signed -> claim(request, body, signed);
            };
        });
    }

    private Mono<Verification> claim(WebhookRequest request, byte[] body, Signed signed) {
        String token = "mailgun:" + request.tenant() + ":" + signed.token();
        Instant expiresAt = signed.signedAt().plus(settings.maxAge());
        return replayGuard.claim(token, Crypto.sha256(body), expiresAt).map(claim -> claim == Claim.CONFLICT
                ? new Rejected(Reason.REPLAYED, "token already used with another body")
                : new Verified(request));
    }

    private Checked check(WebhookRequest request, byte[] body, ProviderCredentials credentials) {
        if (!request.method().equals("POST")) {
            return refuse(Reason.UNSUPPORTED_METHOD, "Mailgun posts events");
        }
        String key = credentials.mailgunSigningKey();
        if (key == null || Crypto.isBlank(key)) {
            return refuse(Reason.NOT_CONFIGURED, "no Mailgun signing key");
        }
        @Nullable Object root;
        try {
            root = Json.parse(body, settings.jsonLimits());
        } catch (JsonParseException e) {
            return refuse(Reason.MALFORMED_REQUEST, "body is not JSON: " + e.getMessage());
        }
        Signed signed = signed(root);
        if (signed == null) {
            return refuse(Reason.MISSING_SIGNATURE, "no signature {timestamp, token, signature} object");
        }
        byte[] presented = Crypto.hex(signed.signature());
        byte[] expected = Crypto.hmac("HmacSHA256", key,
                (signed.timestamp() + signed.token()).getBytes(StandardCharsets.UTF_8));
        if (presented == null || !MessageDigest.isEqual(presented, expected)) {
            return refuse(Reason.BAD_SIGNATURE, "HMAC of timestamp and token does not match");
        }
        Rejected stale = Freshness.check(signed.signedAt(), clock.instant(), settings);
        return stale != null ? new Refused(stale) : signed;
    }

    private static Refused refuse(Reason reason, String detail) {
        return new Refused(new Rejected(reason, detail));
    }

    private static @Nullable Signed signed(@Nullable Object root) {
        if (!(root instanceof Map<?, ?> body) || !(body.get("signature") instanceof Map<?, ?> signature)) {
            return null;
        }
        Object ts = signature.get("timestamp");
        String timestamp = ts instanceof Long l ? l.toString() : ts instanceof String s ? s : null;
        Instant signedAt = timestamp == null ? null : Freshness.epochSeconds(timestamp);
        if (signedAt == null
                || !(signature.get("token") instanceof String token) || token.isEmpty()
                || !(signature.get("signature") instanceof String hex)) {
            return null;
        }
        return new Signed(timestamp, signedAt, token, hex);
    }
}
