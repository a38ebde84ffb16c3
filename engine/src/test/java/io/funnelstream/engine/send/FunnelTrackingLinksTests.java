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

class FunnelTrackingLinksTests {

    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    final TrackingTokens tokens = new TrackingTokens("k1", Map.of("k1", new byte[32]), Duration.ofDays(90),
            Clock.fixed(NOW, ZoneOffset.UTC));
    final FunnelTrackingLinks links = new FunnelTrackingLinks(tokens);

    @Test
    void shouldPutATokenTheTrackingEndpointAcceptsIntoTheFtParameter() {
        TrackingToken token = new TrackingToken(new TenantId(UUID.randomUUID()), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), NOW.plusSeconds(3600));

        String link = links.link("https://s.example/x?lang=de", token);

        assertThat(link).startsWith("https://s.example/x?lang=de&ft=ft1.k1.");
        String minted = link.substring(link.indexOf("ft=") + 3);
        assertThat(tokens.verify(minted)).isInstanceOfSatisfying(TokenVerdict.Valid.class, v -> {
            assertThat(v.claims().messageId()).isEqualTo(token.messageId());
            assertThat(v.claims().distributionId()).isEqualTo(token.distributionId());
        });
        assertThat(links.verify(minted, NOW)).contains(token);
        assertThat(links.verify(minted, NOW.plusSeconds(3600))).isEmpty();
    }
}
