package io.funnelstream.engine.tracking;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.signing.HmacKeyRing;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Mints and checks the tracking tokens survey links carry: {@code ft1.<kid>.<payload>.<signature>}, where payload is
 * the unpadded base64url of a compact binary record (a flags byte saying which optional ids follow, the tenant and
 * message ids, then recipient, distribution and survey ids when present, then the expiry in epoch seconds), and
 * signature the first 16 bytes of HMAC-SHA256 over {@code ft1.<kid>.<payload>} under key {@code kid}: 128 bits an
 * attacker cannot guess. New tokens are signed with the primary key; every configured key still verifies, so keys
 * rotate by adding a new primary and dropping the old one once the links it signed have expired.
 *
 * <p>To personalise a survey link: {@code tokens.mint(tenant, messageId, recipientId, distributionId, surveyId)}
 * and append the token as the link's {@code ft} query parameter (or anywhere the page's tracker finds it).
 * Thread-safe.
 */
public final class TrackingTokens {

    /** How long a link tracks by default: long enough for late respondents. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(90);

    private static final String VERSION = "ft1";
    private static final int MAC_BYTES = 16;
    private static final int MAX_TOKEN_CHARS = 256;
    private static final int RECIPIENT = 1;
    private static final int DISTRIBUTION = 2;
    private static final int SURVEY = 4;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final HmacKeyRing keys;
    private final Duration lifetime;
    private final Clock clock;

    /**
     * @param primaryKid the key that signs new tokens; one of {@code keys}
     * @param keys secrets of at least 32 bytes by key id ({@code [A-Za-z0-9_-]{1,16}})
     * @param lifetime how long a minted token is valid unless told otherwise
     */
    public TrackingTokens(String primaryKid, Map<String, byte[]> keys, Duration lifetime, Clock clock) {
        if (!lifetime.isPositive()) {
            throw new IllegalArgumentException("lifetime must be positive");
        }
        this.keys = new HmacKeyRing("tracking", primaryKid, keys, 16);
        this.lifetime = lifetime;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A token for one message's survey link, valid for the configured lifetime from now. */
    public String mint(TenantId tenant, UUID messageId, @Nullable UUID recipientId, @Nullable UUID distributionId,
            @Nullable UUID surveyId) {
        return mint(new TrackingClaims(tenant, messageId, recipientId, distributionId, surveyId,
                clock.instant().plus(lifetime)));
    }

    /** A token carrying exactly these claims. */
    public String mint(TrackingClaims claims) {
        int flags = (claims.recipientId() != null ? RECIPIENT : 0)
                | (claims.distributionId() != null ? DISTRIBUTION : 0)
                | (claims.surveyId() != null ? SURVEY : 0);
        ByteBuffer buffer = ByteBuffer.allocate(1 + 16 * 5 + 8);
        buffer.put((byte) flags);
        put(buffer, claims.tenant().value());
        put(buffer, claims.messageId());
        put(buffer, claims.recipientId());
        put(buffer, claims.distributionId());
        put(buffer, claims.surveyId());
        buffer.putLong(claims.expiresAt().getEpochSecond());
        String signed = VERSION + "." + keys.primaryKid() + "." + B64.encodeToString(Arrays.copyOf(buffer.array(),
                buffer.position()));
        return signed + "." + B64.encodeToString(truncated(keys.signWithPrimary(signed)));
    }

    /** Checks signature and expiry; never throws for bad input. */
    public TokenVerdict verify(String token) {
        String[] parts = token.length() > MAX_TOKEN_CHARS ? new String[0] : token.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals(VERSION)) {
            return new TokenVerdict.Forged("The tracking token is malformed.");
        }
        Optional<byte[]> mac = keys.sign(parts[1], parts[0] + "." + parts[1] + "." + parts[2]);
        if (mac.isEmpty()) {
            return new TokenVerdict.Forged("The tracking token was signed by an unknown key.");
        }
        try {
            byte[] expected = truncated(mac.get());
            if (!MessageDigest.isEqual(expected, B64D.decode(parts[3]))) {
                return new TokenVerdict.Forged("The tracking token's signature is not valid.");
            }
            TrackingClaims claims = claims(B64D.decode(parts[2]));
            return clock.instant().isBefore(claims.expiresAt())
                    ? new TokenVerdict.Valid(claims)
                    : new TokenVerdict.Expired(claims);
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            return new TokenVerdict.Forged("The tracking token is malformed.");
        }
    }

    private static TrackingClaims claims(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        int flags = in.get();
        TenantId tenant = new TenantId(uuid(in));
        UUID message = uuid(in);
        UUID recipient = (flags & RECIPIENT) != 0 ? uuid(in) : null;
        UUID distribution = (flags & DISTRIBUTION) != 0 ? uuid(in) : null;
        UUID survey = (flags & SURVEY) != 0 ? uuid(in) : null;
        Instant expiresAt = Instant.ofEpochSecond(in.getLong());
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("trailing bytes");
        }
        return new TrackingClaims(tenant, message, recipient, distribution, survey, expiresAt);
    }

    private static void put(ByteBuffer buffer, @Nullable UUID id) {
        if (id != null) {
            buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        }
    }

    private static UUID uuid(ByteBuffer in) {
        return new UUID(in.getLong(), in.getLong());
    }

    private static byte[] truncated(byte[] mac) {
        return Arrays.copyOf(mac, MAC_BYTES);
    }
}
