package io.funnelstream.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The admin API for webhook secrets and URLs: validation per provider, names never values, roles. */
class ProviderCredentialsAdminIntegrationTests extends WebhookIntegrationTestSupport {

    private static final String SECRET = "admin-test-app-secret-value";

    private Tenant tenant;

    @BeforeEach
    void freshTenant() {
        tenant = newTenant();
    }

    @Test
    void shouldListNamesSetButNeverValues() {
        configure(tenant, "meta", Map.of("appSecret", SECRET, "verifyToken", "verify-me"));

        get("/api/admin/providers", tenant.adminKey())
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.provider == 'meta')].configured").isEqualTo(List.of(true))
                .jsonPath("$[?(@.provider == 'meta')].names[*]").isEqualTo(List.of("appSecret", "verifyToken"))
                .jsonPath("$[?(@.provider == 'sendgrid')].configured").isEqualTo(List.of(false))
                .jsonPath("$[?(@.provider == 'ses')].required[*]").isEqualTo(List.of("topicArns"))
                .jsonPath("$[?(@.provider == 'smtp')].required[*]").isEmpty()
                .jsonPath("$[?(@.provider == 'smtp')].optional[*]").isEqualTo(List.of("from", "username", "password"));
        byte[] body = get("/api/admin/providers", tenant.adminKey()).expectBody().returnResult().getResponseBodyContent();
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("appSecret")
                .doesNotContain(SECRET).doesNotContain("verify-me");
    }

    @Test
    void shouldRefuseUnknownNamesMissingRequiredOnesAndMalformedValues() {
        expectInvalid(put("meta", Map.of("appSecret", SECRET, "verifyToken", "v", "apiKey", "x"), tenant.adminKey()),
                "apiKey: not a meta secret (expected appSecret, verifyToken, accessToken, phoneNumberId)");
        expectInvalid(put("meta", Map.of("appSecret", SECRET), tenant.adminKey()), "verifyToken: required");
        expectInvalid(put("sendgrid", Map.of("verificationKey", "not-a-key"), tenant.adminKey()),
                "verificationKey: not a base64 ECDSA public key (SendGrid's verification key)");
        expectInvalid(put("ses", Map.of("topicArns", List.of("arn:aws:sqs:us-east-1:123456789012:q")),
                tenant.adminKey()), "topicArns: a comma-separated list of SNS topic ARNs (arn:aws:sns:region:account:topic)");
        expectInvalid(put("twilio", Map.of("authToken", 42), tenant.adminKey()),
                "authToken: must be a string or a list of strings");
        expectProblem(put("carrier-pigeon", Map.of("x", "y"), tenant.adminKey()), 404, "unknown-provider");

        get("/api/admin/providers", tenant.adminKey()).expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.configured == true)]").isEmpty();
    }

    @Test
    void shouldTakeEffectAtOnceAndStopWebhooksWhenDeleted() {
        configure(tenant, "unifonic", Map.of("webhookSecret", "first-secret"));
        post(tenant, "first-secret").expectStatus().isOk();

        configure(tenant, "unifonic", Map.of("webhookSecret", "second-secret"));
        expectProblem(post(tenant, "first-secret"), 403, "webhook-bad-signature");

        client.delete().uri("/api/admin/providers/unifonic/credentials").header("X-API-Key", tenant.adminKey())
                .exchange().expectStatus().isNoContent();
        expectProblem(post(tenant, "second-secret"), 404, "webhook-not-configured");
        expectProblem(client.delete().uri("/api/admin/providers/unifonic/credentials")
                .header("X-API-Key", tenant.adminKey()).exchange(), 404, "provider-not-configured");
    }

    @Test
    void shouldLetOnlyAdminsManageCredentials() {
        expectProblem(put("twilio", Map.of("authToken", "t"), tenant.analystKey()), 403, "forbidden");
        expectProblem(put("twilio", Map.of("authToken", "t"), tenant.viewerKey()), 403, "forbidden");
        expectProblem(get("/api/admin/providers", tenant.analystKey()), 403, "forbidden");
        expectProblem(get("/api/admin/webhooks", tenant.analystKey()), 403, "forbidden");
        expectProblem(client.delete().uri("/api/admin/providers/twilio/credentials")
                .header("X-API-Key", tenant.analystKey()).exchange(), 403, "forbidden");
        expectProblem(client.get().uri("/api/admin/providers").exchange(), 401, "unauthorized");
    }

    @Test
    void shouldListTenantsWebhookUrlsOnThePublicBase() {
        get("/api/admin/webhooks", tenant.adminKey())
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.provider == 'twilio')].url").isEqualTo(List.of(tenant.publicUrl("twilio")))
                .jsonPath("$[?(@.provider == 'meta')].methods[*]").isEqualTo(List.of("GET", "POST"))
                .jsonPath("$[?(@.provider == 'mailgun')].secrets[*]").isEqualTo(List.of("signingKey"))
                .jsonPath("$.length()").isEqualTo(6);
    }

    private void expectInvalid(WebTestClient.ResponseSpec response, String error) {
        response.expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://funnelstream.io/problems/invalid-provider-credentials")
                .jsonPath("$.errors[*]").isEqualTo(List.of(error));
    }

    private WebTestClient.ResponseSpec put(String provider, Map<String, Object> secrets, String apiKey) {
        return client.put().uri("/api/admin/providers/{provider}/credentials", provider)
                .header("X-API-Key", apiKey)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(secrets)
                .exchange();
    }

    private WebTestClient.ResponseSpec get(String path, String apiKey) {
        return client.get().uri(path).header("X-API-Key", apiKey).exchange();
    }

    private WebTestClient.ResponseSpec post(Tenant target, String secret) {
        return client.post().uri(target.path("unifonic"))
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Unifonic-Secret", secret)
                .bodyValue(sample("unifonic_conversation_status.json"))
                .exchange();
    }
}
