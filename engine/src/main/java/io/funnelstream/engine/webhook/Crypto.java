package io.funnelstream.engine.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/** The few primitives verifiers share; every comparison of secret material is constant-time. */
final class Crypto {

    /**
     * One {@link Mac} per algorithm and thread, initialised with each call's key: looking the algorithm up among the
     * security providers cost about as much as the HMAC of a form callback itself.
     */
    private static final ThreadLocal<Map<String, Mac>> MACS = ThreadLocal.withInitial(HashMap::new);

    private Crypto() {}

    static byte[] hmac(String algorithm, String key, byte[]... parts) {
        try {
            Map<String, Mac> macs = MACS.get();
            Mac mac = macs.get(algorithm);
            if (mac == null) {
                mac = Mac.getInstance(algorithm);
                macs.put(algorithm, mac);
            }
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks " + algorithm, e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks SHA-256", e);
        }
    }

    /** Constant-time equality of two secrets of any length (compares their digests). */
    static boolean secretsEqual(String presented, String expected) {
        return MessageDigest.isEqual(
                sha256(presented.getBytes(StandardCharsets.UTF_8)), sha256(expected.getBytes(StandardCharsets.UTF_8)));
    }

    /** Hex of either case to bytes, or null when it is not hex. */
    static byte @Nullable [] hex(String text) {
        if (text.length() % 2 != 0) {
            return null;
        }
        byte[] out = new byte[text.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(text.charAt(2 * i), 16);
            int lo = Character.digit(text.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0 || text.charAt(2 * i) > 'f' || text.charAt(2 * i + 1) > 'f') {
                return null;
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /** Standard base64 to bytes, or null when it is not base64. */
    static byte @Nullable [] base64(String text) {
        try {
            return Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean isBlank(@Nullable String secret) {
        return secret == null || secret.isBlank();
    }
}
