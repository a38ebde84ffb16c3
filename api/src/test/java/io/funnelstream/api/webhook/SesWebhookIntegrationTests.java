package io.funnelstream.api.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.testkit.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * SES through SNS end to end: SignatureVersion 1 and 2 over the canonical string, the signing certificate fetched
 * from the SNS host (served here by WireMock over http), topics the tenant allowed, subscription confirmation.
 */
class SesWebhookIntegrationTests extends WebhookIntegrationTestSupport {

    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:ses-events";
    private static final String SNS = "https://sns.us-east-1.amazonaws.com";
    private static final String SES_EVENT = new String(sample("ses_event_bounce_permanent.json"), StandardCharsets.UTF_8);
    private static final KeyPair KEYS = TestCertificates.rsaKeyPair();
    private static final X509Certificate CERTIFICATE = TestCertificates.selfSigned(KEYS, "sns.amazonaws.com",
            Instant.parse("2025-12-01T00:00:00Z"), Instant.parse("2026-12-31T00:00:00Z"), true);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WireMockServer sns;

    private Tenant tenant;
    private String certificatePath;

    @BeforeEach
    void tenantWithSesTopic() {
        tenant = newTenant();
        configure(tenant, "ses", Map.of("topicArns", List.of(TOPIC)));
        certificatePath = "/SimpleNotificationService-" + UUID.randomUUID().toString().replace("-", "") + ".pem";
        sns.stubFor(get(certificatePath).willReturn(aResponse().withBody(TestCertificates.pem(CERTIFICATE))));
    }

    @Test
    void shouldAppendSignatureVersion2NotificationExactlyAsNormalised() {
        byte[] body = notification("2", TOPIC, SES_EVENT, now(), KEYS);

        expectAccepted(post(body), 1, 0);

        assertThat(logged(tenant.id())).containsExactlyElementsOf(normalized(Provider.SES, tenant.id(), "POST",
                tenant.publicUrl("ses"), MediaType.TEXT_PLAIN_VALUE, body));
        sns.verify(1, getRequestedFor(urlEqualTo(certificatePath)));
    }

    @Test
    void shouldAppendSignatureVersion1NotificationAndCountRetryAsDuplicate() {
        byte[] body = notification("1", TOPIC, SES_EVENT, now(), KEYS);
        expectAccepted(post(body), 1, 0);
        double duplicates = requests("ses", "duplicate", "events");

        expectAccepted(post(body), 0, 1);

        assertThat(logged(tenant.id())).hasSize(1);
        assertThat(requests("ses", "duplicate", "events")).isEqualTo(duplicates + 1);
    }

    @Test
    void shouldRejectTamperedMessageOtherKeyExpiredTimestampAndForeignTopic() {
        String tampered = new String(notification("2", TOPIC, SES_EVENT, now(), KEYS), StandardCharsets.UTF_8)
                .replace("Permanent", "Transient");
        expectProblem(post(tampered.getBytes(StandardCharsets.UTF_8)), 403, "webhook-bad-signature");
        expectProblem(post(notification("2", TOPIC, SES_EVENT, now(), TestCertificates.rsaKeyPair())), 403,
                "webhook-bad-signature");
        expectProblem(post(notification("2", TOPIC, SES_EVENT, clock.instant().minusSeconds(600).toString(), KEYS)),
                403, "webhook-stale-timestamp");
        expectProblem(post(notification("2", "arn:aws:sns:us-east-1:123456789012:other", SES_EVENT, now(), KEYS)),
                403, "webhook-unexpected-topic");

        assertThat(logged(tenant.id())).isEmpty();
    }

    @Test
    void shouldConfirmSubscriptionThroughSubscribeUrl() {
        String query = "/?Action=ConfirmSubscription&TopicArn=" + TOPIC + "&Token=" + UUID.randomUUID();
        sns.stubFor(get(urlEqualTo(query)).willReturn(aResponse().withBody("<ConfirmSubscriptionResponse/>")));

        post(confirmation(SNS + query)).expectStatus().isOk();

        sns.verify(1, getRequestedFor(urlEqualTo(query)));
        assertThat(logged(tenant.id())).isEmpty();
    }

    @Test
    void shouldAskSnsToRetryWhenConfirmationOrCertificateCannotBeFetched() {
        String query = "/?Action=ConfirmSubscription&TopicArn=" + TOPIC + "&Token=" + UUID.randomUUID();
        sns.stubFor(get(urlEqualTo(query)).willReturn(aResponse().withStatus(500)));
        expectProblem(post(confirmation(SNS + query)), 503, "webhook-subscription-unconfirmed");

        certificatePath = "/SimpleNotificationService-down.pem";
        sns.stubFor(get(urlPathEqualTo(certificatePath)).willReturn(aResponse().withStatus(503)));
        post(notification("2", TOPIC, SES_EVENT, now(), KEYS))
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "30");
        assertThat(logged(tenant.id())).isEmpty();
    }

    private String now() {
        return clock.instant().toString();
    }

    private byte[] notification(String version, String topic, String message, String timestamp, KeyPair signer) {
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("Message", message);
        signed.put("MessageId", UUID.randomUUID().toString());
        signed.put("Subject", "Amazon SES Email Event Notification");
        signed.put("Timestamp", timestamp);
        signed.put("TopicArn", topic);
        signed.put("Type", "Notification");
        return envelope(signed, version, signer);
    }

    private byte[] confirmation(String subscribeUrl) {
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("Message", "You have chosen to subscribe to the topic " + TOPIC + ".");
        signed.put("MessageId", UUID.randomUUID().toString());
        signed.put("SubscribeURL", subscribeUrl);
        signed.put("Timestamp", now());
        signed.put("Token", "2336412f37fb687f5d51e6e2425a8a58");
        signed.put("TopicArn", TOPIC);
        signed.put("Type", "SubscriptionConfirmation");
        return envelope(signed, "2", KEYS);
    }

    private byte[] envelope(Map<String, String> signed, String version, KeyPair signer) {
        Map<String, String> envelope = new LinkedHashMap<>(signed);
        envelope.put("SignatureVersion", version);
        envelope.put("Signature", Signatures.sns(signer.getPrivate(), version, signed));
        envelope.put("SigningCertURL", SNS + certificatePath);
        return JSON.writeValueAsBytes(envelope);
    }

    private WebTestClient.ResponseSpec post(byte[] body) {
        return client.post().uri(tenant.path("ses"))
                .contentType(MediaType.parseMediaType("text/plain; charset=UTF-8"))
                .header("x-amz-sns-message-type", typeOf(body))
                .bodyValue(body)
                .exchange();
    }

    private static String typeOf(byte[] body) {
        return new String(body, StandardCharsets.UTF_8).contains("\"SubscriptionConfirmation\"")
                ? "SubscriptionConfirmation"
                : "Notification";
    }
}
