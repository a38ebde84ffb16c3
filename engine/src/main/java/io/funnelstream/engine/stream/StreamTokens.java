package io.funnelstream.engine.stream;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.signing.HmacKeyRing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Issues and checks stream tokens: {@code fst1.<kid>.<payload>.<signature>}, where payload is the unpadded base64url
 * of {@code <tenant uuid>|<api key uuid>|<expiry epoch seconds>} and signature the unpadded base64url HMAC-SHA256 of
 * {@code fst1.<kid>.<payload>} under the key {@code kid}. New tokens are signed with the primary key; every key
 * given still verifies, so keys rotate by adding a new primary and dropping the old one a token lifetime later.
 */
public final class StreamTokens {

    private static final String VERSION = "fst1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final HmacKeyRing keys;
    private final Duration lifetime;
    private final Clock clock;

    /**
     * @param primaryKid the key that signs new tokens; one of {@code keys}
     * @param keys secrets of at least 32 bytes by key id ({@code [A-Za-z0-9_-]{1,32}})
     */
    public StreamTokens(String primaryKid, Map<String, byte[]> keys, Duration lifetime, Clock clock) {
        this.keys = new HmacKeyRing("stream token", primaryKid, keys, 32);
        if (!lifetime.isPositive()) {
            throw new IllegalArgumentException("lifetime must be positive");
        }
        this.lifetime = lifetime;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A token for the key's tenant, valid for the configured lifetime from now. */
    public IssuedToken issue(TenantId tenant, UUID apiKeyId) {
        Instant expiresAt = clock.instant().plus(lifetime).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String payload = tenant.value() + "|" + apiKeyId + "|" + expiresAt.getEpochSecond();
        String signed = VERSION + "." + keys.primaryKid() + "."
                + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        String token = signed + "." + B64.encodeToString(keys.signWithPrimary(signed));
        return new IssuedToken(token, new StreamGrant(tenant, apiKeyId, expiresAt));
    }

    /** Checks signature and expiry; never throws for bad input. */
    public TokenCheck check(String token) {
        String[] parts = token.length() > 512 ? new String[0] : token.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals(VERSION)) {
            return new TokenCheck.Refused("The stream token is malformed.");
        }
        java.util.Optional<byte[]> mac = keys.sign(parts[1], parts[0] + "." + parts[1] + "." + parts[2]);
        if (mac.isEmpty()) {
            return new TokenCheck.Refused("The stream token was signed by an unknown key.");
        }
        try {
            byte[] expected = mac.get();
            if (!MessageDigest.isEqual(expected, B64D.decode(parts[3]))) {
                return new TokenCheck.Refused("The stream token's signature is not valid.");
            }
            return grant(new String(B64D.decode(parts[2]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return new TokenCheck.Refused("The stream token is malformed.");
        }
    }

    private TokenCheck grant(String payload) {
        String[] fields = payload.split("\\|", -1);
        if (fields.length != 3) {
            return new TokenCheck.Refused("The stream token is malformed.");
        }
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(fields[2]));
        if (!clock.instant().isBefore(expiresAt)) {
            return new TokenCheck.Refused("The stream token has expired: ask for a new one.");
        }
        return new TokenCheck.Valid(new StreamGrant(TenantId.of(fields[0]), UUID.fromString(fields[1]), expiresAt));
    }

    /**
     * A token and what it grants.
     *
     * @param token the text to pass as {@code token} query parameter or cookie
     * @param grant what it allows
     */
    public record IssuedToken(String token, StreamGrant grant) {}
}
