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
 * Twilio SMS and WhatsApp status callbacks end to end: HMAC-SHA1 over the public URL as the provider called it
 * (the configured base URL, the raw path and query) and the sorted form fields. Twilio sends no timestamp, so there
 * is no expiry to test; its retries are recognised by (MessageSid, MessageStatus, ErrorCode).
 */
class TwilioWebhookIntegrationTests extends WebhookIntegrationTestSupport {

    private static final String AUTH_TOKEN = "12345678901234567890123456789012";
    private static final String SMS = new String(sample("twilio_sms_status_undelivered.form"), StandardCharsets.UTF_8)
            .strip();
    private static final String WHATSAPP = new String(sample("twilio_whatsapp_status_read.form"),
            StandardCharsets.UTF_8).strip();

    private Tenant tenant;

    @BeforeEach
    void tenantWithTwilio() {
        tenant = newTenant();
        configure(tenant, "twilio", Map.of("authToken", AUTH_TOKEN));
    }

    @Test
    void shouldAppendSmsStatusExactlyAsNormalised() {
        String url = tenant.publicUrl("twilio");

        expectAccepted(post("", SMS, Signatures.twilio(AUTH_TOKEN, url, SMS)), 1, 0);

        assertThat(logged(tenant.id())).containsExactlyElementsOf(normalized(Provider.TWILIO, tenant.id(), "POST", url,
                MediaType.APPLICATION_FORM_URLENCODED_VALUE, SMS.getBytes(StandardCharsets.UTF_8)));
        assertThat(logged(tenant.id())).singleElement().satisfies(event -> {
            assertThat(event.channel()).isEqualTo(Channel.SMS);
            assertThat(event.type()).isEqualTo(EventType.UNDELIVERED);
            assertThat(event.errorCode()).isEqualTo("30003");
        });
    }

    @Test
    void shouldAppendWhatsAppStatus() {
        expectAccepted(post("", WHATSAPP, Signatures.twilio(AUTH_TOKEN, tenant.publicUrl("twilio"), WHATSAPP)), 1, 0);

        assertThat(logged(tenant.id())).singleElement().satisfies(event -> {
            assertThat(event.channel()).isEqualTo(Channel.WHATSAPP);
            assertThat(event.type()).isEqualTo(EventType.READ);
        });
    }

    @Test
    void shouldAcceptUrlSignedWithDefaultPortAndWithQuery() {
        String withPort = "https://hooks.example.com:443" + tenant.path("twilio");
        expectAccepted(post("", SMS, Signatures.twilio(AUTH_TOKEN, withPort, SMS)), 1, 0);

        String query = "?ref=survey%2042&tries=1";
        expectAccepted(post(query, WHATSAPP, Signatures.twilio(AUTH_TOKEN, tenant.publicUrl("twilio") + query,
                WHATSAPP)), 1, 0);

        assertThat(logged(tenant.id())).hasSize(2);
    }

    @Test
    void shouldVerifyAgainstConfiguredPublicUrlNotTheInternalOne() {
        String internal = "http://localhost:" + port + tenant.path("twilio");

        expectProblem(post("", SMS, Signatures.twilio(AUTH_TOKEN, internal, SMS)), 403, "webhook-bad-signature");
        assertThat(logged(tenant.id())).isEmpty();
    }

    @Test
    void shouldCountRetryAsDuplicate() {
        String signature = Signatures.twilio(AUTH_TOKEN, tenant.publicUrl("twilio"), SMS);
        expectAccepted(post("", SMS, signature), 1, 0);
        double duplicates = requests("twilio", "duplicate", "events");

        expectAccepted(post("", SMS, signature), 0, 1);

        assertThat(logged(tenant.id())).hasSize(1);
        assertThat(requests("twilio", "duplicate", "events")).isEqualTo(duplicates + 1);
    }

    @Test
    void shouldRejectTamperedBodyWrongTokenAndMissingSignature() {
        String url = tenant.publicUrl("twilio");
        String signature = Signatures.twilio(AUTH_TOKEN, url, SMS);
        expectProblem(post("", SMS.replace("undelivered", "delivered"), signature), 403, "webhook-bad-signature");
        expectProblem(post("", SMS, Signatures.twilio("another-accounts-token-000000000", url, SMS)), 403,
                "webhook-bad-signature");
        expectProblem(client.post().uri(tenant.path("twilio"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(SMS).exchange(), 401,
                "webhook-missing-signature");

        assertThat(logged(tenant.id())).isEmpty();
    }

    private WebTestClient.ResponseSpec post(String query, String form, String signature) {
        return client.post().uri(URI.create("http://localhost:" + port + tenant.path("twilio") + query))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header("X-Twilio-Signature", signature)
                .bodyValue(form.getBytes(StandardCharsets.UTF_8))
                .exchange();
    }
}
