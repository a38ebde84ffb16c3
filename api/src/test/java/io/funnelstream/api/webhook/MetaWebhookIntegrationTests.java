package io.funnelstream.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.Provider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Meta's WhatsApp Cloud API end to end: X-Hub-Signature-256 over the raw body (written with \\uXXXX escapes, which
 * must never be re-encoded before the check) and the GET subscription handshake. Meta signs no timestamp.
 */
class MetaWebhookIntegrationTests extends WebhookIntegrationTestSupport {

    private static final String APP_SECRET = "d41d8cd98f00b204e9800998ecf8427e";
    private static final String VERIFY_TOKEN = "funnel-verify-2026";
    /** The sample with a non-ASCII title escaped as Meta writes it. */
    private static final byte[] BODY = new String(sample("meta_whatsapp_status_failed.json"), StandardCharsets.UTF_8)
            .replace("\"title\": \"Re-engagement message\"", "\"title\": \"R\\u00e9-engagement \\u2014 message\"")
            .getBytes(StandardCharsets.UTF_8);

    private Tenant tenant;

    @BeforeEach
    void tenantWithMeta() {
        tenant = newTenant();
        configure(tenant, "meta", Map.of("appSecret", APP_SECRET, "verifyToken", VERIFY_TOKEN));
    }

    @Test
    void shouldAppendSignedStatusExactlyAsNormalised() {
        expectAccepted(post(BODY, Signatures.meta(APP_SECRET, BODY)), 1, 0);

        assertThat(logged(tenant.id())).containsExactlyElementsOf(normalized(Provider.META, tenant.id(), "POST",
                tenant.publicUrl("meta"), MediaType.APPLICATION_JSON_VALUE, BODY));
        assertThat(logged(tenant.id())).singleElement().satisfies(event -> {
            assertThat(event.channel()).isEqualTo(Channel.WHATSAPP);
            assertThat(event.type()).isEqualTo(EventType.FAILED);
        });
    }

    @Test
    void shouldCountRetryAsDuplicate() {
        expectAccepted(post(BODY, Signatures.meta(APP_SECRET, BODY)), 1, 0);
        double duplicates = requests("meta", "duplicate", "events");

        expectAccepted(post(BODY, Signatures.meta(APP_SECRET, BODY)), 0, 1);

        assertThat(logged(tenant.id())).hasSize(1);
        assertThat(requests("meta", "duplicate", "events")).isEqualTo(duplicates + 1);
    }

    @Test
    void shouldRejectReEncodedOrTamperedBodyAndWrongSecret() {
        String signature = Signatures.meta(APP_SECRET, BODY);
        byte[] reEncoded = new String(BODY, StandardCharsets.UTF_8).replace("\\u00e9", "é").replace("\\u2014", "—")
                .getBytes(StandardCharsets.UTF_8);
        expectProblem(post(reEncoded, signature), 403, "webhook-bad-signature");
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("failed", "read")
                .getBytes(StandardCharsets.UTF_8);
        expectProblem(post(tampered, signature), 403, "webhook-bad-signature");
        expectProblem(post(BODY, Signatures.meta("another-app-secret", BODY)), 403, "webhook-bad-signature");

        assertThat(logged(tenant.id())).isEmpty();
    }

    @Test
    void shouldAnswerHandshakeWithChallengeAsPlainText() {
        client.get().uri(handshake(VERIFY_TOKEN, "1158201444"))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                .expectBody(String.class).isEqualTo("1158201444");
    }

    @Test
    void shouldRefuseHandshakeWithWrongVerifyToken() {
        expectProblem(client.get().uri(handshake("guessed", "1158201444")).exchange(), 403, "webhook-bad-signature");
    }

    private URI handshake(String verifyToken, String challenge) {
        return URI.create("http://localhost:" + port + tenant.path("meta") + "?hub.mode=subscribe&hub.challenge="
                + challenge + "&hub.verify_token=" + verifyToken);
    }

    private WebTestClient.ResponseSpec post(byte[] body, String signature) {
        return client.post().uri(tenant.path("meta"))
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Hub-Signature-256", signature)
                .bodyValue(body)
                .exchange();
    }
}
