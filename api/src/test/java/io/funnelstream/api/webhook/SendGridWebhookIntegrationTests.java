package io.funnelstream.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** SendGrid's Signed Event Webhook end to end: ECDSA over timestamp and the raw body, batches, duplicates. */
class SendGridWebhookIntegrationTests extends WebhookIntegrationTestSupport {

    private static final KeyPair KEYS = Signatures.ecKeyPair();
    /** SendGrid's real bodies end with CRLF, and the signature covers it. */
    private static final byte[] BATCH = Signatures.concat(sample("sendgrid_event_batch.json"), "\r\n".getBytes(StandardCharsets.UTF_8));

    private Tenant tenant;

    @BeforeEach
    void tenantWithSendGrid() {
        tenant = newTenant();
        configure(tenant, "sendgrid", Map.of("verificationKey", Signatures.sendGridVerificationKey(KEYS)));
    }

    @Test
    void shouldAppendEveryEventOfSignedBatchExactlyAsNormalised() {
        double before = requests("sendgrid", "accepted", "events");

        expectAccepted(post(BATCH, now(), KEYS), 11, 0);

        List<MessageEvent> expected = normalized(Provider.SENDGRID, tenant.id(), "POST", tenant.publicUrl("sendgrid"),
                MediaType.APPLICATION_JSON_VALUE, BATCH);
        assertThat(expected).hasSize(11);
        assertThat(logged(tenant.id())).containsExactlyElementsOf(expected);
        assertThat(requests("sendgrid", "accepted", "events")).isEqualTo(before + 1);
    }

    @Test
    void shouldAcknowledgeRetryAsDuplicateWithoutAppendingAgain() {
        String timestamp = now();
        String signature = Signatures.sendGrid(KEYS, timestamp, BATCH);
        expectAccepted(post(BATCH, timestamp, signature), 11, 0);
        int appends = eventLog.appends();
        double duplicates = requests("sendgrid", "duplicate", "events");

        expectAccepted(post(BATCH, timestamp, signature), 0, 11);

        // The edge guarantees one copy in the log while it remembers the keys; the pipeline's unique constraint
        // on message events is what guarantees one row beyond that.
        assertThat(eventLog.appends()).isEqualTo(appends);
        assertThat(logged(tenant.id())).hasSize(11);
        assertThat(requests("sendgrid", "duplicate", "events")).isEqualTo(duplicates + 1);
    }

    @Test
    void shouldAcceptSignedBatchThatAlsoCarriesTheProvidersOwnBearerToken() {
        // With OAuth set on its Event Webhook, SendGrid sends a bearer token of its own beside the signature; it is
        // no API key of ours, and the signature alone decides.
        String timestamp = now();
        WebTestClient.ResponseSpec answer = client.post().uri(tenant.path("sendgrid"))
                .contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", "Bearer sendgrid-oauth-access-token")
                .header("X-Twilio-Email-Event-Webhook-Signature", Signatures.sendGrid(KEYS, timestamp, BATCH))
                .header("X-Twilio-Email-Event-Webhook-Timestamp", timestamp)
                .bodyValue(BATCH)
                .exchange();

        expectAccepted(answer, 11, 0);
        assertThat(logged(tenant.id())).hasSize(11);
    }

    @Test
    void shouldRejectTamperedBody() {
        String timestamp = now();
        String signature = Signatures.sendGrid(KEYS, timestamp, BATCH);
        byte[] tampered = new String(BATCH, StandardCharsets.UTF_8).replace("\"bounce\"", "\"delivered\"")
                .getBytes(StandardCharsets.UTF_8);

        expectProblem(post(tampered, timestamp, signature), 403, "webhook-bad-signature");
        assertThat(logged(tenant.id())).isEmpty();
    }

    @Test
    void shouldRejectBodySignedWithAnotherKey() {
        expectProblem(post(BATCH, now(), Signatures.ecKeyPair()), 403, "webhook-bad-signature");
        assertThat(logged(tenant.id())).isEmpty();
    }

    @Test
    void shouldRejectExpiredTimestamp() {
        String stale = Long.toString(clock.instant().minusSeconds(600).getEpochSecond());

        expectProblem(post(BATCH, stale, KEYS), 403, "webhook-stale-timestamp");
        assertThat(logged(tenant.id())).isEmpty();
    }

    @Test
    void shouldRejectMissingSignatureAsUnauthenticated() {
        expectProblem(client.post().uri(tenant.path("sendgrid")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(BATCH).exchange(), 401, "webhook-missing-signature");
        assertThat(logged(tenant.id())).isEmpty();
    }

    @Test
    void shouldRejectEmptyBatchAndFutureEventsButKeepUnknownTypes() {
        expectProblem(post("[]".getBytes(StandardCharsets.UTF_8), now(), KEYS), 400, "webhook-empty-batch");
        byte[] future = ("[{\"email\":\"a@example.com\",\"timestamp\":" + (clock.instant().getEpochSecond() + 3600)
                + ",\"event\":\"delivered\",\"sg_event_id\":\"f1\",\"sg_message_id\":\"m1.x\"}]")
                .getBytes(StandardCharsets.UTF_8);
        expectProblem(post(future, now(), KEYS), 422, "webhook-future-timestamp");
        assertThat(logged(tenant.id())).isEmpty();

        byte[] unknown = ("[{\"email\":\"a@example.com\",\"timestamp\":" + clock.instant().getEpochSecond()
                + ",\"event\":\"teleported\",\"sg_event_id\":\"u1\",\"sg_message_id\":\"m1.x\"}]")
                .getBytes(StandardCharsets.UTF_8);
        double unknownEvents = meters.find(WebhookMetrics.EVENTS).tags("provider", "sendgrid", "type", "unknown")
                .counters().stream().mapToDouble(c -> c.count()).sum();
        expectAccepted(post(unknown, now(), KEYS), 1, 0);
        assertThat(logged(tenant.id())).singleElement()
                .satisfies(event -> assertThat(event.type()).isEqualTo(EventType.UNKNOWN))
                .satisfies(event -> assertThat(event.rawType()).isEqualTo("teleported"));
        assertThat(meters.get(WebhookMetrics.EVENTS).tags("provider", "sendgrid", "type", "unknown").counter().count())
                .isEqualTo(unknownEvents + 1);
    }

    private String now() {
        return Long.toString(clock.instant().getEpochSecond());
    }

    private WebTestClient.ResponseSpec post(byte[] body, String timestamp, KeyPair signer) {
        return post(body, timestamp, Signatures.sendGrid(signer, timestamp, body));
    }

    private WebTestClient.ResponseSpec post(byte[] body, String timestamp, String signature) {
        return client.post().uri(tenant.path("sendgrid"))
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Twilio-Email-Event-Webhook-Signature", signature)
                .header("X-Twilio-Email-Event-Webhook-Timestamp", timestamp)
                .bodyValue(body)
                .exchange();
    }
}
