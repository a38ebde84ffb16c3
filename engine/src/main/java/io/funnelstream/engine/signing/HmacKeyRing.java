package io.funnelstream.engine.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 keys by key id: the primary signs, every key verifies, so a key rotates by adding a new primary and
 * dropping the old one once what it signed has expired. Secrets of at least 32 bytes; ids of letters, digits,
 * {@code -} and {@code _}.
 */
public final class HmacKeyRing {

    private static final int MIN_KEY_BYTES = 32;

    private final String primaryKid;
    private final Map<String, SecretKeySpec> keys;

    /**
     * @param what what the keys sign, for error messages
     * @param maxKidLength the longest key id accepted
     */
    public HmacKeyRing(String what, String primaryKid, Map<String, byte[]> secrets, int maxKidLength) {
        Pattern kid = Pattern.compile("[A-Za-z0-9_-]{1," + maxKidLength + "}");
        Map<String, SecretKeySpec> specs = new LinkedHashMap<>();
        secrets.forEach((id, secret) -> {
            if (!kid.matcher(id).matches() || secret.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException(what + " key '" + id + "' needs a simple id and >= 32 bytes");
            }
            specs.put(id, new SecretKeySpec(secret.clone(), "HmacSHA256"));
        });
        if (!specs.containsKey(primaryKid)) {
            throw new IllegalArgumentException("the primary " + what + " key is not among the keys: " + primaryKid);
        }
        this.primaryKid = primaryKid;
        this.keys = Map.copyOf(specs);
    }

    public String primaryKid() {
        return primaryKid;
    }

    /** The MAC of {@code text} (UTF-8) under the primary key. */
    public byte[] signWithPrimary(String text) {
        return mac(keys.get(primaryKid), text);
    }

    /** The MAC of {@code text} (UTF-8) under key {@code kid}, or empty for a key not in the ring. */
    public Optional<byte[]> sign(String kid, String text) {
        SecretKeySpec key = keys.get(kid);
        return key == null ? Optional.empty() : Optional.of(mac(key, text));
    }

    private static byte[] mac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
