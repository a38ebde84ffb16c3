package io.funnelstream.engine.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HmacTrackingLinksTests {

    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    final HmacTrackingLinks links = new HmacTrackingLinks("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    final TrackingToken token = new TrackingToken(new TenantId(UUID.randomUUID()), UUID.randomUUID(),
            UUID.randomUUID(), UUID.randomUUID(), NOW.plusSeconds(3600));

    @Test
    void shouldVerifyItsOwnTokenAndRefuseExpiredForgedAndOtherKeys() {
        String signed = links.token(token);

        assertThat(links.verify(signed, NOW)).contains(token);
        assertThat(links.verify(signed, NOW.plusSeconds(3600))).as("expired").isEmpty();
        byte[] bytes = Base64.getUrlDecoder().decode(signed);
        bytes[5] ^= 1;
        assertThat(links.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), NOW)).isEmpty();
        assertThat(links.verify("not base64 !", NOW)).isEmpty();
        assertThat(new HmacTrackingLinks(new byte[32]).verify(signed, NOW)).as("another key").isEmpty();
    }

    @Test
    void shouldAddTheTokenBeforeAnyFragment() {
        String signed = links.token(token);

        assertThat(links.link("https://s.example/x", token)).isEqualTo("https://s.example/x?fs_t=" + signed);
        assertThat(links.link("https://s.example/x?lang=de#top", token))
                .isEqualTo("https://s.example/x?lang=de&fs_t=" + signed + "#top");
    }
}
