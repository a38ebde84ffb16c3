package io.funnelstream.infra.postgres;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The API key format: {@code fsk_} and 32 random bytes in unpadded base64url (47 characters in all).
 *
 * <p>Only the SHA-256 of a key is stored and looked up by exact match. A fast unsalted hash is right here,
 * unlike for passwords: the key carries 256 bits from a CSPRNG, so there is no dictionary to try and a stolen
 * hash table cannot be reversed by brute force; a slow KDF would only cost every request time.
 */
final class ApiKeys {

    static final String SCHEME = "fsk_";
    static final int RANDOM_BYTES = 32;
    /** Characters shown to recognise a key: the scheme and 8 characters (48 bits) of the random part. */
    static final int DISPLAY_PREFIX_LENGTH = 12;

    private static final Pattern FORMAT = Pattern.compile("fsk_[A-Za-z0-9_-]{43}");

    private ApiKeys() {}

    static String generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return SCHEME + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether the text can be a key at all, so that garbage is refused without a database round trip. */
    static boolean isWellFormed(String text) {
        return FORMAT.matcher(text).matches();
    }

    static String displayPrefix(String key) {
        return key.substring(0, DISPLAY_PREFIX_LENGTH);
    }

    static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
