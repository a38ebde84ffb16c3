package io.funnelstream.engine.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.tracking.TokenVerdict;
import io.funnelstream.engine.tracking.TrackingTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenTrackingLinksTests {

    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    static final byte[] KEY = new byte[32];

    final TrackingTokens tokens = new TrackingTokens("k1", Map.of("k1", KEY), Duration.ofDays(90),
            Clock.fixed(NOW, ZoneOffset.UTC));
    final TokenTrackingLinks links = new TokenTrackingLinks(tokens);
    final TrackingToken token = new TrackingToken(new TenantId(UUID.randomUUID()), UUID.randomUUID(),
            UUID.randomUUID(), UUID.randomUUID(), NOW.plusSeconds(3600));

    @Test
    void shouldMintTokensTheTrackingEndpointAccepts() {
        String signed = links.token(token);

        assertThat(tokens.verify(signed)).isInstanceOfSatisfying(TokenVerdict.Valid.class, valid -> {
            assertThat(valid.claims().tenant()).isEqualTo(token.tenant());
            assertThat(valid.claims().messageId()).isEqualTo(token.messageId());
            assertThat(valid.claims().recipientId()).isEqualTo(token.recipientId());
            assertThat(valid.claims().distributionId()).isEqualTo(token.distributionId());
            assertThat(valid.claims().expiresAt()).isEqualTo(token.expiresAt());
        });
        assertThat(links.verify(signed, NOW)).contains(token);
    }

    @Test
    void shouldRefuseExpiredTamperedAndForeignTokens() {
        String signed = links.token(token);
        int at = signed.lastIndexOf('.') + 1; // the signature's first character: all six of its bits count
        String tampered = signed.substring(0, at) + (signed.charAt(at) == 'A' ? 'B' : 'A') + signed.substring(at + 1);
        TrackingTokens other = new TrackingTokens("k1", Map.of("k1", new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32}), Duration.ofDays(90), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(links.verify(signed, NOW.plusSeconds(3600))).as("expired").isEmpty();
        assertThat(links.verify(tampered, NOW)).as("tampered").isEmpty();
        assertThat(links.verify("not a token", NOW)).isEmpty();
        assertThat(new TokenTrackingLinks(other).verify(signed, NOW)).as("another key").isEmpty();
    }

    @Test
    void shouldAddTheTokenBeforeAnyFragment() {
        String signed = links.token(token);

        assertThat(links.link("https://s.example/x", token)).isEqualTo("https://s.example/x?ft=" + signed);
        assertThat(links.link("https://s.example/x?lang=de#top", token))
                .isEqualTo("https://s.example/x?lang=de&ft=" + signed + "#top");
    }
}
