package io.funnelstream.engine.send;

import io.funnelstream.engine.model.TenantId;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tracking tokens signed with HMAC-SHA256: base64url (no padding) of a version byte, tenant, distribution,
 * recipient and message ids, the expiry in epoch seconds, and the first 16 bytes of the MAC over all of that.
 * Forging one takes the key; changing any byte breaks the MAC, checked in constant time.
 */
public final class HmacTrackingLinks implements TrackingLinks {

    private static final byte VERSION = 1;
    private static final int BODY = 1 + 16 * 4 + 8;
    private static final int MAC = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    /** @param key at least 32 bytes of secret key material */
    public HmacTrackingLinks(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a tracking link key needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    @Override
    public String token(TrackingToken token) {
        ByteBuffer body = ByteBuffer.allocate(BODY + MAC);
        body.put(VERSION);
        put(body, token.tenant().value());
        put(body, token.distributionId());
        put(body, token.recipientId());
        put(body, token.messageId());
        body.putLong(token.expiresAt().getEpochSecond());
        body.put(mac(body.array(), BODY), 0, MAC);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(body.array());
    }

    @Override
    public Optional<TrackingToken> verify(String token, Instant now) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != BODY + MAC || bytes[0] != VERSION) {
            return Optional.empty();
        }
        byte[] expected = Arrays.copyOf(mac(bytes, BODY), MAC);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, BODY, BODY + MAC))) {
            return Optional.empty();
        }
        ByteBuffer body = ByteBuffer.wrap(bytes, 1, BODY - 1);
        TrackingToken parsed = new TrackingToken(
                new TenantId(uuid(body)), uuid(body), uuid(body), uuid(body), Instant.ofEpochSecond(body.getLong()));
        return parsed.expiresAt().isAfter(now) ? Optional.of(parsed) : Optional.empty();
    }

    private byte[] mac(byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(data, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    private static void put(ByteBuffer buffer, UUID id) {
        buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    }

    private static UUID uuid(ByteBuffer buffer) {
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
