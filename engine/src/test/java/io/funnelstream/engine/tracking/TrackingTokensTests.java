package io.funnelstream.engine.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TrackingTokensTests {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final byte[] K1 = key(1);
    private static final byte[] K2 = key(2);

    private final TenantId tenant = TenantId.random();
    private final UUID message = UUID.randomUUID();
    private final UUID recipient = UUID.randomUUID();
    private final UUID distribution = UUID.randomUUID();
    private final UUID survey = UUID.randomUUID();

    @Test
    void shouldRoundTripEveryClaimAndKeepTheTokenShortEnoughForALink() {
        TrackingTokens tokens = new TrackingTokens("k1", Map.of("k1", K1), Duration.ofDays(90), CLOCK);
        String token = tokens.mint(tenant, message, recipient, distribution, survey);

        assertThat(token).startsWith("ft1.k1.").matches("[A-Za-z0-9._-]+").hasSizeLessThan(160);
        assertThat(tokens.verify(token)).isEqualTo(new TokenVerdict.Valid(new TrackingClaims(tenant, message,
                recipient, distribution, survey, NOW.plus(Duration.ofDays(90)))));
        String bare = tokens.mint(tenant, message, null, null, null);
        assertThat(tokens.verify(bare)).isEqualTo(new TokenVerdict.Valid(
                new TrackingClaims(tenant, message, null, null, null, NOW.plus(Duration.ofDays(90)))));
    }

    @Test
    void shouldRefuseTamperedUnknownKeyAndMalformedTokensAsForged() {
        TrackingTokens tokens = new TrackingTokens("k1", Map.of("k1", K1), Duration.ofDays(1), CLOCK);
        String token = tokens.mint(tenant, message, recipient, null, null);
        String[] parts = token.split("\\.");
        String otherMessage = tokens.mint(tenant, UUID.randomUUID(), recipient, null, null).split("\\.")[2];
        String foreign = new TrackingTokens("k1", Map.of("k1", K2), Duration.ofDays(1), CLOCK)
                .mint(tenant, message, recipient, null, null);

        assertThat(tokens.verify(parts[0] + "." + parts[1] + "." + otherMessage + "." + parts[3]))
                .isInstanceOf(TokenVerdict.Forged.class);
        assertThat(tokens.verify(foreign)).isInstanceOf(TokenVerdict.Forged.class);
        assertThat(tokens.verify("ft1.k9." + parts[2] + "." + parts[3])).isInstanceOf(TokenVerdict.Forged.class);
        for (String bad : new String[] {"", "ft1", "ft1.k1.!!.??", "ft2." + token.substring(4), token + ".x",
                "x".repeat(1000)}) {
            assertThat(tokens.verify(bad)).as(bad).isInstanceOf(TokenVerdict.Forged.class);
        }
    }

    @Test
    void shouldRefuseAnExpiredTokenAsExpired() {
        TrackingTokens tokens = new TrackingTokens("k1", Map.of("k1", K1), Duration.ofDays(1), CLOCK);
        String token = tokens.mint(new TrackingClaims(tenant, message, null, null, null, NOW));

        assertThat(tokens.verify(token)).isInstanceOf(TokenVerdict.Expired.class);
    }

    @Test
    void shouldVerifyTokensOfAnOldKeyAfterRotation() {
        TrackingTokens before = new TrackingTokens("k1", Map.of("k1", K1), Duration.ofDays(1), CLOCK);
        Map<String, byte[]> both = new LinkedHashMap<>();
        both.put("k2", K2);
        both.put("k1", K1);
        TrackingTokens after = new TrackingTokens("k2", both, Duration.ofDays(1), CLOCK);
        String old = before.mint(tenant, message, null, null, null);
        String fresh = after.mint(tenant, message, null, null, null);

        assertThat(fresh).startsWith("ft1.k2.");
        assertThat(after.verify(old)).isInstanceOf(TokenVerdict.Valid.class);
        assertThat(after.verify(fresh)).isInstanceOf(TokenVerdict.Valid.class);
        assertThat(new TrackingTokens("k2", Map.of("k2", K2), Duration.ofDays(1), CLOCK).verify(old))
                .as("once the old key is dropped").isInstanceOf(TokenVerdict.Forged.class);
    }

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }
}
