package io.funnelstream.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Provider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Unifonic end to end. Unifonic signs nothing, so each tenant shares a secret with it, sent in the
 * {@code X-Unifonic-Secret} header or the {@code secret} query parameter; there is no timestamp to expire.
 */
class UnifonicWebhookIntegrationTests extends WebhookIntegrationTestSupport {

    private static final String SECRET = "unifonic-shared-secret-0001";
    private static final byte[] CONVERSATION = sample("unifonic_conversation_status.json");
    private static final String LEGACY = new String(sample("unifonic_dlr_legacy.form"), StandardCharsets.UTF_8).strip();

    private Tenant tenant;

    @BeforeEach
    void tenantWithUnifonic() {
        tenant = newTenant();
        configure(tenant, "unifonic", Map.of("webhookSecret", SECRET));
    }

    @Test
    void shouldAppendConversationEventWithSecretHeaderExactlyAsNormalised() {
        expectAccepted(client.post().uri(tenant.path("unifonic"))
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Unifonic-Secret", SECRET)
                .bodyValue(CONVERSATION)
                .exchange(), 1, 0);

        assertThat(logged(tenant.id())).containsExactlyElementsOf(normalized(Provider.UNIFONIC, tenant.id(), "POST",
                tenant.publicUrl("unifonic"), MediaType.APPLICATION_JSON_VALUE, CONVERSATION));
    }

    @Test
    void shouldAppendLegacyReportSentAsGetWithSecretInQueryAndCountRetry() {
        URI url = URI.create("http://localhost:" + port + tenant.path("unifonic") + "?" + LEGACY + "&secret=" + SECRET);
        expectAccepted(client.get().uri(url).exchange(), 1, 0);
        double duplicates = requests("unifonic", "duplicate", "events");

        expectAccepted(client.get().uri(url).exchange(), 0, 1);

        assertThat(logged(tenant.id())).singleElement()
                .satisfies(event -> assertThat(event.providerMessageId()).isEqualTo("7401592837"));
        assertThat(requests("unifonic", "duplicate", "events")).isEqualTo(duplicates + 1);
    }

    @Test
    void shouldRejectWrongOrMissingSecret() {
        expectProblem(client.post().uri(tenant.path("unifonic"))
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Unifonic-Secret", "guessed")
                .bodyValue(CONVERSATION)
                .exchange(), 403, "webhook-bad-signature");
        expectProblem(client.post().uri(tenant.path("unifonic"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(LEGACY.getBytes(StandardCharsets.UTF_8))
                .exchange(), 401, "webhook-missing-signature");

        assertThat(logged(tenant.id())).isEmpty();
    }
}
