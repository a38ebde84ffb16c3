package io.funnelstream.api.config;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * HMAC keys from configuration, {@code <kid>:<base64 secret>} each: the first (or the one named primary) signs, all
 * verify. With none configured, one random key is generated at start, valid in this process only.
 *
 * @param primary the key id that signs
 * @param keys secrets by key id, in the order configured
 */
public record SigningKeys(String primary, Map<String, byte[]> keys) {

    /**
     * @param property the configuration key, for error messages
     */
    public static SigningKeys parse(List<String> entries, @Nullable String primary, String property) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String entry : entries) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon < 1) {
                throw new IllegalStateException(property + " entries are <kid>:<base64 secret>");
            }
            keys.put(entry.substring(0, colon).trim(), Base64.getDecoder().decode(entry.substring(colon + 1).trim()));
        }
        if (keys.isEmpty()) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            keys.put("g" + HexFormat.of().formatHex(secret, 0, 4), secret);
        }
        String signing = primary == null || primary.isBlank() ? keys.keySet().iterator().next() : primary;
        return new SigningKeys(signing, keys);
    }
}
