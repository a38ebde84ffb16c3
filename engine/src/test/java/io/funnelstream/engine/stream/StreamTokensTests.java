package io.funnelstream.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.funnelstream.engine.model.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StreamTokensTests {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final byte[] K1 = key(1);
    static final byte[] K2 = key(2);

    final TenantId tenant = TenantId.random();
    final UUID apiKey = UUID.randomUUID();

    static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    static StreamTokens tokens(Instant now, String primary, Map<String, byte[]> keys) {
        return new StreamTokens(primary, keys, Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void shouldGrantTheTenantAndKeyItWasIssuedForUntilItExpires() {
        StreamTokens.IssuedToken issued = tokens(NOW, "k1", Map.of("k1", K1)).issue(tenant, apiKey);
        assertThat(issued.token()).startsWith("fst1.k1.");
        assertThat(tokens(NOW.plusSeconds(299), "k1", Map.of("k1", K1)).check(issued.token()))
                .isEqualTo(new TokenCheck.Valid(new StreamGrant(tenant, apiKey, NOW.plusSeconds(300))));
        assertThat(tokens(NOW.plusSeconds(300), "k1", Map.of("k1", K1)).check(issued.token()))
                .isEqualTo(new TokenCheck.Refused("The stream token has expired: ask for a new one."));
    }

    @Test
    void shouldRefuseATokenSignedWithAnotherSecretOrAnUnknownKey() {
        String forged = tokens(NOW, "k1", Map.of("k1", K2)).issue(tenant, apiKey).token();
        assertThat(tokens(NOW, "k1", Map.of("k1", K1)).check(forged)).isInstanceOf(TokenCheck.Refused.class);
        String unknown = tokens(NOW, "k9", Map.of("k9", K1)).issue(tenant, apiKey).token();
        assertThat(tokens(NOW, "k1", Map.of("k1", K1)).check(unknown))
                .isEqualTo(new TokenCheck.Refused("The stream token was signed by an unknown key."));
    }

    @Test
    void shouldKeepAcceptingTokensOfTheOldKeyAfterRotation() {
        String old = tokens(NOW, "k1", Map.of("k1", K1)).issue(tenant, apiKey).token();
        StreamTokens rotated = tokens(NOW, "k2", Map.of("k1", K1, "k2", K2));
        assertThat(rotated.check(old)).isInstanceOf(TokenCheck.Valid.class);
        assertThat(rotated.issue(tenant, apiKey).token()).startsWith("fst1.k2.");
        assertThat(tokens(NOW, "k2", Map.of("k2", K2)).check(old)).isInstanceOf(TokenCheck.Refused.class);
    }

    @Test
    void shouldRefuseEveryAlteredToken() {
        StreamTokens tokens = tokens(NOW, "k1", Map.of("k1", K1));
        String token = tokens.issue(tenant, apiKey).token();
        qt().forAll(integers().between(0, token.length() - 1), integers().between(0, 63)).checkAssert((at, by) -> {
            char original = token.charAt(at);
            char replaced = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".charAt(by);
            String altered = token.substring(0, at) + replaced + token.substring(at + 1);
            if (replaced != original && !sameBase64Bits(token, at, replaced)) {
                assertThat(tokens.check(altered)).isInstanceOf(TokenCheck.Refused.class);
            }
        });
        for (String garbage : new String[] {"", "fst1", "fst1...", "x.y.z.w", token + ".", "fst1.k1.%%%.%%%"}) {
            assertThat(tokens.check(garbage)).isInstanceOf(TokenCheck.Refused.class);
        }
    }

    /** The last character of unpadded base64 carries unused bits: changing only those alters nothing. */
    static boolean sameBase64Bits(String token, int at, char replaced) {
        int end = token.indexOf('.', at);
        return at == (end < 0 ? token.length() : end) - 1;
    }

    @Test
    void shouldRefuseShortKeysAndAMissingPrimary() {
        assertThatThrownBy(() -> tokens(NOW, "k1", Map.of("k1", new byte[16])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens(NOW, "k2", Map.of("k1", K1))).isInstanceOf(IllegalArgumentException.class);
    }
}
