package io.funnelstream.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.Provider;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Mailgun end to end: HMAC over timestamp and token only, so a token carries one body within the replay window; the
 * same request again is a retry, the same token with another body a forgery.
 */
class MailgunWebhookIntegrationTests extends WebhookIntegrationTestSupport {

    private static final String SIGNING_KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
    private static final String SAMPLE = new String(sample("mailgun_failed_permanent.json"), StandardCharsets.UTF_8);

    private Tenant tenant;

    @BeforeEach
    void tenantWithMailgun() {
        tenant = newTenant();
        configure(tenant, "mailgun", Map.of("signingKey", SIGNING_KEY));
    }

    @Test
    void shouldAppendSignedEventExactlyAsNormalised() {
        byte[] body = signed(SAMPLE, SIGNING_KEY, now(), token());

        expectAccepted(post(body), 1, 0);

        assertThat(logged(tenant.id())).containsExactlyElementsOf(normalized(Provider.MAILGUN, tenant.id(), "POST",
                tenant.publicUrl("mailgun"), MediaType.APPLICATION_JSON_VALUE, body));
        assertThat(logged(tenant.id())).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventType.BOUNCED);
            assertThat(event.providerMessageId()).isEqualTo("20260101000000.1.4A7D468E9BC18C5D@mg.example.com");
        });
    }

    @Test
    void shouldAcknowledgeRetransmissionOfSameTokenAndBodyAsDuplicate() {
        byte[] body = signed(SAMPLE, SIGNING_KEY, now(), token());
        expectAccepted(post(body), 1, 0);
        double duplicates = requests("mailgun", "duplicate", "events");

        expectAccepted(post(body), 0, 1);

        assertThat(logged(tenant.id())).hasSize(1);
        assertThat(requests("mailgun", "duplicate", "events")).isEqualTo(duplicates + 1);
    }

    @Test
    void shouldRefuseTokenReplayedWithAnotherBody() {
        String token = token();
        String timestamp = now();
        expectAccepted(post(signed(SAMPLE, SIGNING_KEY, timestamp, token)), 1, 0);

        byte[] forged = signed(SAMPLE.replace("\"G9Bn5sl1TC6nu79C8C0bwg\"", "\"forged-event\"")
                .replace("\"failed\"", "\"delivered\""), SIGNING_KEY, timestamp, token);
        expectProblem(post(forged), 403, "webhook-replayed");

        assertThat(logged(tenant.id())).hasSize(1);
    }

    @Test
    void shouldRejectTamperedSignedTimestamp() {
        String timestamp = now();
        String token = token();
        String signature = Signatures.mailgun(SIGNING_KEY, timestamp, token);
        String later = Long.toString(Long.parseLong(timestamp) + 1);
        byte[] tampered = body(SAMPLE, later, token, signature);

        expectProblem(post(tampered), 403, "webhook-bad-signature");
        assertThat(logged(tenant.id())).isEmpty();
    }

    @Test
    void shouldRejectWrongKeyAndExpiredTimestamp() {
        expectProblem(post(signed(SAMPLE, "key-someone-else", now(), token())), 403, "webhook-bad-signature");
        String stale = Long.toString(clock.instant().minusSeconds(301).getEpochSecond());
        expectProblem(post(signed(SAMPLE, SIGNING_KEY, stale, token())), 403, "webhook-stale-timestamp");
        assertThat(logged(tenant.id())).isEmpty();
    }

    private String now() {
        return Long.toString(clock.instant().getEpochSecond());
    }

    private static String token() {
        return UUID.randomUUID().toString().replace("-", "") + "0123456789abcdef01";
    }

    private static byte[] signed(String sample, String key, String timestamp, String token) {
        return body(sample, timestamp, token, Signatures.mailgun(key, timestamp, token));
    }

    /** The sample with its signature object replaced; the rest of the bytes stay as Mailgun sent them. */
    private static byte[] body(String sample, String timestamp, String token, String signature) {
        return sample.replace("\"39d8dcecc7a88da025bff1567230bc8e0e28ffd1270d89e605\"", "\"" + token + "\"")
                .replace("\"timestamp\": \"1767225612\"", "\"timestamp\": \"" + timestamp + "\"")
                .replace("\"6281c5170b7b4ef1a2099ae802b4a41066bf79235e6f4fe1508779ec2cc5564e\"",
                        "\"" + signature + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    private WebTestClient.ResponseSpec post(byte[] body) {
        return client.post().uri(tenant.path("mailgun"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}
