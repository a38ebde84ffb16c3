package io.funnelstream.engine.ingest;

import static io.funnelstream.engine.support.Webhooks.TENANT;
import static io.funnelstream.engine.support.Webhooks.accepted;
import static io.funnelstream.engine.support.Webhooks.await;
import static io.funnelstream.engine.support.Webhooks.denied;
import static io.funnelstream.engine.support.Webhooks.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.funnelstream.engine.json.Json;
import io.funnelstream.engine.json.JsonParseException;
import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.normalize.Normalized;
import io.funnelstream.engine.support.JsonWriter;
import io.funnelstream.engine.support.Samples;
import io.funnelstream.engine.support.TestCertificates;
import io.funnelstream.engine.support.Webhooks;
import io.funnelstream.engine.webhook.CertificateSource;
import io.funnelstream.engine.webhook.InMemoryReplayGuard;
import io.funnelstream.engine.webhook.ProviderCredentials;
import io.funnelstream.engine.webhook.Verification.Reason;
import io.funnelstream.engine.webhook.WebhookHeaders;
import io.funnelstream.engine.webhook.WebhookRequest;
import io.funnelstream.engine.webhook.WebhookSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

class SesWebhookTests {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:20Z");
    private static final String URL = "https://hooks.funnelstream.io/webhooks/ses/tk_Ab3";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:ses-events";
    private static final String CERT_URL =
            "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-1f8444b3e12e25e0b436ab42f856b3f9.pem";
    private static final KeyPair KEYS = TestCertificates.rsaKeyPair();
    private static final KeyPair OTHER_KEYS = TestCertificates.rsaKeyPair();
    private static final X509Certificate CERTIFICATE = TestCertificates.selfSigned(KEYS, "sns.amazonaws.com",
            Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), true);

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<URI> fetched = new ArrayList<>();
    private final Map<URI, X509Certificate> published = new LinkedHashMap<>(Map.of(URI.create(CERT_URL), CERTIFICATE));
    private final CertificateSource certificates = url -> Mono.fromSupplier(() -> {
        fetched.add(url);
        return published.get(url);
    });
    private final WebhookProviders webhooks = WebhookProviders.create(
            WebhookSettings.DEFAULT, clock, new InMemoryReplayGuard(clock, 10), certificates);
    private final ProviderCredentials credentials = ProviderCredentials.none().withSnsTopicArns(Set.of(TOPIC));

    @Test
    void shouldNormaliseTheSampleBounceSignedWithVersion2() {
        List<MessageEvent> events = events(await(webhooks.ingest(request(resignedSample("2")), credentials)));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.tenant()).isEqualTo(TENANT);
            assertThat(e.channel()).isEqualTo(Channel.EMAIL);
            assertThat(e.provider()).isEqualTo(Provider.SES);
            assertThat(e.providerEventId()).isEqualTo("5f0e9d8c-7b6a-5948-a3b2-c1d0e9f8a703:nobody@example.org");
            assertThat(e.providerMessageId()).isEqualTo("0100018d8a6b4f5e-7c1e2a3b-4d5e-6f70-8192-a3b4c5d6e7f8-000000");
            assertThat(e.messageId()).isNull();
            assertThat(e.type()).isEqualTo(EventType.BOUNCED);
            assertThat(e.bounceClass()).isEqualTo(BounceClass.HARD);
            assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-01-01T00:00:03Z"));
            assertThat(e.receivedAt()).isEqualTo(NOW);
            assertThat(e.recipient()).isEqualTo("nobody@example.org");
            assertThat(e.reason()).isEqualTo("smtp; 550 5.1.1 user unknown");
            assertThat(e.errorCode()).isEqualTo("5.1.1");
            assertThat(e.url()).isNull();
            assertThat(e.machineOpen()).isFalse();
            assertThat(e.rawType()).isEqualTo("Bounce");
        });
    }

    @Test
    void shouldVerifySignatureVersion1() {
        assertThat(events(await(webhooks.ingest(request(resignedSample("1")), credentials)))).hasSize(1);
    }

    @Test
    void shouldVerifyANotificationWithoutSubject() {
        Map<String, Object> envelope = sampleEnvelope();
        envelope.remove("Subject");

        String body = JsonWriter.write(signed(envelope, "2", KEYS.getPrivate()));

        assertThat(events(await(webhooks.ingest(request(body), credentials)))).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2"})
    void shouldAnswerASubscriptionConfirmationWithItsSubscribeUrl(String version) {
        String subscribe = "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + TOPIC
                + "&Token=2336412f37fb687f5d51e6e2425c464de12884";
        Map<String, Object> envelope = confirmation("SubscriptionConfirmation", subscribe);

        Normalized result = accepted(await(webhooks.ingest(
                request(JsonWriter.write(signed(envelope, version, KEYS.getPrivate()))), credentials)));

        assertThat(result).isEqualTo(new Normalized.ConfirmSubscription(URI.create(subscribe), TOPIC));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2"})
    void shouldAcknowledgeAnUnsubscribeConfirmation(String version) {
        Map<String, Object> envelope = confirmation("UnsubscribeConfirmation",
                "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + TOPIC + "&Token=x");

        Normalized result = accepted(await(webhooks.ingest(
                request(JsonWriter.write(signed(envelope, version, KEYS.getPrivate()))), credentials)));

        assertThat(result).isInstanceOf(Normalized.Acknowledged.class);
    }

    @Test
    void shouldRefuseToConfirmASubscriptionOutsideSns() {
        Map<String, Object> envelope = confirmation("SubscriptionConfirmation", "https://evil.example/confirm");

        Normalized result = accepted(await(webhooks.ingest(
                request(JsonWriter.write(signed(envelope, "2", KEYS.getPrivate()))), credentials)));

        assertThat(result).isInstanceOfSatisfying(Normalized.Rejected.class,
                r -> assertThat(r.problem()).isEqualTo(Normalized.Problem.MALFORMED));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://sns.us-east-1.amazonaws.com/cert.pem",
        "https://sns.us-east-1.amazonaws.com.evil.example/cert.pem",
        "https://s3.amazonaws.com/cert.pem",
        "https://evil.example/sns.us-east-1.amazonaws.com/cert.pem",
        "https://user@sns.us-east-1.amazonaws.com/cert.pem",
        "https://sns.us-east-1.amazonaws.com:8443/cert.pem",
        "file:///etc/passwd"
    })
    void shouldRejectSigningCertificatesFromUntrustedUrlsWithoutFetching(String certUrl) {
        Map<String, Object> envelope = sampleEnvelope();
        envelope.put("SigningCertURL", certUrl);

        WebhookRequest request = request(JsonWriter.write(signed(envelope, "2", KEYS.getPrivate())));

        assertThat(denied(await(webhooks.ingest(request, credentials)))).isEqualTo(Reason.UNTRUSTED_CERTIFICATE);
        assertThat(fetched).isEmpty();
    }

    @Test
    void shouldAcceptTheChinaPartition() {
        String china = "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-x.pem";
        published.put(URI.create(china), CERTIFICATE);
        Map<String, Object> envelope = sampleEnvelope();
        envelope.put("SigningCertURL", china);

        assertThat(events(await(webhooks.ingest(
                request(JsonWriter.write(signed(envelope, "2", KEYS.getPrivate()))), credentials)))).hasSize(1);
    }

    @Test
    void shouldRejectCertificatesThatAreMissingExpiredOrNotForSigning() {
        Map<String, Object> envelope = sampleEnvelope();
        String body = JsonWriter.write(signed(envelope, "2", KEYS.getPrivate()));
        X509Certificate expired = TestCertificates.selfSigned(KEYS, "sns.amazonaws.com",
                Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"), true);
        X509Certificate notForSigning = TestCertificates.selfSigned(KEYS, "sns.amazonaws.com",
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), false);

        assertThat(reasonWith(Map.of(), body)).isEqualTo(Reason.UNTRUSTED_CERTIFICATE);
        assertThat(reasonWith(Map.of(URI.create(CERT_URL), expired), body)).isEqualTo(Reason.UNTRUSTED_CERTIFICATE);
        assertThat(reasonWith(Map.of(URI.create(CERT_URL), notForSigning), body))
                .isEqualTo(Reason.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void shouldFetchACertificateOnceAndReuseIt() {
        await(webhooks.ingest(request(resignedSample("2")), credentials));
        await(webhooks.ingest(request(resignedSample("1")), credentials));

        assertThat(fetched).containsExactly(URI.create(CERT_URL));
    }

    @Test
    void shouldRejectAnUnexpectedTopicOrAnUnconfiguredTenant() {
        ProviderCredentials otherTopic = ProviderCredentials.none()
                .withSnsTopicArns(Set.of("arn:aws:sns:us-east-1:123456789012:other"));

        assertThat(denied(await(webhooks.ingest(request(resignedSample("2")), otherTopic))))
                .isEqualTo(Reason.UNEXPECTED_TOPIC);
        assertThat(denied(await(webhooks.ingest(request(resignedSample("2")), ProviderCredentials.none()))))
                .isEqualTo(Reason.NOT_CONFIGURED);
    }

    @Test
    void shouldRejectATamperedMessage() {
        String tampered = resignedSample("2").replace("\\\"bounceType\\\":\\\"Permanent\\\"",
                "\\\"bounceType\\\":\\\"Transient\\\"");

        assertThat(tampered).isNotEqualTo(resignedSample("2"));
        assertThat(denied(await(webhooks.ingest(request(tampered), credentials)))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void shouldRejectASignatureMadeWithAnotherKey() {
        String body = JsonWriter.write(signed(sampleEnvelope(), "2", OTHER_KEYS.getPrivate()));

        assertThat(denied(await(webhooks.ingest(request(body), credentials)))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void shouldRejectAnExpiredTimestamp() {
        Map<String, Object> envelope = sampleEnvelope();
        envelope.put("Timestamp", "2025-12-31T23:55:19.000Z");

        String body = JsonWriter.write(signed(envelope, "2", KEYS.getPrivate()));

        assertThat(denied(await(webhooks.ingest(request(body), credentials)))).isEqualTo(Reason.STALE_TIMESTAMP);
    }

    @Test
    void shouldRejectAMessageTypeHeaderThatContradictsTheBody() {
        WebhookRequest request = Webhooks.post(Provider.SES, URL,
                WebhookHeaders.of("x-amz-sns-message-type", "SubscriptionConfirmation"), resignedSample("2"), NOW);

        assertThat(denied(await(webhooks.ingest(request, credentials)))).isEqualTo(Reason.MALFORMED_REQUEST);
    }

    @Test
    void shouldFanOutOneEventPerRecipientWithDeterministicIds() {
        String delivery = sesEvent("Delivery", "\"delivery\":{\"timestamp\":\"2026-01-01T00:00:05.120Z\","
                + "\"recipients\":[\"a@example.com\",\"b@example.com\"],\"smtpResponse\":\"250 ok\"}");

        List<MessageEvent> first = events(await(webhooks.ingest(notification("n-1", delivery), credentials)));
        List<MessageEvent> retried = events(await(webhooks.ingest(notification("n-1", delivery), credentials)));

        assertThat(first).extracting(MessageEvent::providerEventId, MessageEvent::recipient, MessageEvent::type,
                        MessageEvent::occurredAt)
                .containsExactly(
                        tuple("n-1:a@example.com", "a@example.com", EventType.DELIVERED,
                                Instant.parse("2026-01-01T00:00:05.120Z")),
                        tuple("n-1:b@example.com", "b@example.com", EventType.DELIVERED,
                                Instant.parse("2026-01-01T00:00:05.120Z")));
        assertThat(first).extracting(MessageEvent::messageId).allSatisfy(id ->
                assertThat(id).hasToString("0b6f7c1e-9a8d-4b3c-a2e1-f0e9d8c7b6a5"));
        assertThat(retried).extracting(MessageEvent::key).isEqualTo(first.stream().map(MessageEvent::key).toList());
    }

    @Test
    void shouldMapEverySesEventType() {
        List<MessageEvent> events = new ArrayList<>();
        String[][] cases = {
            {"Send", "\"send\":{}"},
            {"Bounce", "\"bounce\":{\"bounceType\":\"Transient\",\"bounceSubType\":\"MailboxFull\","
                    + "\"timestamp\":\"2026-01-01T00:00:04Z\",\"bouncedRecipients\":[{\"emailAddress\":\"a@example.com\","
                    + "\"status\":\"4.2.2\"},{\"emailAddress\":\"b@example.com\"}]}"},
            {"Bounce", "\"bounce\":{\"bounceType\":\"Undetermined\",\"timestamp\":\"2026-01-01T00:00:04Z\","
                    + "\"bouncedRecipients\":[{\"emailAddress\":\"a@example.com\"}]}"},
            {"Complaint", "\"complaint\":{\"timestamp\":\"2026-01-01T00:00:06Z\",\"complaintFeedbackType\":\"abuse\","
                    + "\"complainedRecipients\":[{\"emailAddress\":\"b@example.com\"}]}"},
            {"Open", "\"open\":{\"timestamp\":\"2026-01-01T00:00:07Z\",\"userAgent\":\"Mozilla\"}"},
            {"Click", "\"click\":{\"timestamp\":\"2026-01-01T00:00:08Z\",\"link\":\"https://shop.example.com/o\"}"},
            {"Reject", "\"reject\":{\"reason\":\"Bad content\"}"},
            {"DeliveryDelay", "\"deliveryDelay\":{\"timestamp\":\"2026-01-01T00:00:09Z\",\"delayType\":"
                    + "\"TransientCommunicationFailure\",\"delayedRecipients\":[{\"emailAddress\":\"a@example.com\","
                    + "\"status\":\"4.4.1\",\"diagnosticCode\":\"smtp; 421 busy\"}]}"},
            {"Rendering Failure", "\"failure\":{\"errorMessage\":\"Attribute 'name' is not present\","
                    + "\"templateName\":\"t\"}"},
            {"Subscription", "\"subscription\":{\"timestamp\":\"2026-01-01T00:00:10Z\"}"}
        };
        for (int i = 0; i < cases.length; i++) {
            events.addAll(events(await(webhooks.ingest(notification("n" + i, sesEvent(cases[i][0], cases[i][1])),
                    credentials))));
        }

        assertThat(events).extracting(MessageEvent::providerEventId, MessageEvent::type, MessageEvent::bounceClass,
                        MessageEvent::reason, MessageEvent::errorCode, MessageEvent::url, MessageEvent::rawType)
                .containsExactly(
                        tuple("n0:a@example.com", EventType.SENT, null, null, null, null, "Send"),
                        tuple("n0:b@example.com", EventType.SENT, null, null, null, null, "Send"),
                        tuple("n1:a@example.com", EventType.BOUNCED, BounceClass.SOFT, "Transient/MailboxFull",
                                "4.2.2", null, "Bounce"),
                        tuple("n1:b@example.com", EventType.BOUNCED, BounceClass.SOFT, "Transient/MailboxFull",
                                null, null, "Bounce"),
                        tuple("n2:a@example.com", EventType.BOUNCED, BounceClass.SOFT, "Undetermined", null,
                                null, "Bounce"),
                        tuple("n3:b@example.com", EventType.SPAM_REPORTED, null, "abuse", null, null, "Complaint"),
                        tuple("n4", EventType.OPENED, null, null, null, null, "Open"),
                        tuple("n5", EventType.CLICKED, null, null, null, "https://shop.example.com/o", "Click"),
                        tuple("n6:a@example.com", EventType.DROPPED, null, "Bad content", null, null, "Reject"),
                        tuple("n6:b@example.com", EventType.DROPPED, null, "Bad content", null, null, "Reject"),
                        tuple("n7:a@example.com", EventType.DEFERRED, null, "smtp; 421 busy", "4.4.1", null,
                                "DeliveryDelay"),
                        tuple("n8:a@example.com", EventType.FAILED, null, "Attribute 'name' is not present", null,
                                null, "Rendering Failure"),
                        tuple("n8:b@example.com", EventType.FAILED, null, "Attribute 'name' is not present", null,
                                null, "Rendering Failure"),
                        tuple("n9", EventType.UNKNOWN, null, null, null, null, "Subscription"));
    }

    @Test
    void shouldNameTheRecipientOfAnOpenWhenTheMessageHadOnlyOne() {
        String open = sesEvent("Open", "\"open\":{\"timestamp\":\"2026-01-01T00:00:07Z\"}")
                .replace("[\"a@example.com\",\"b@example.com\"]", "[\"a@example.com\"]");

        assertThat(events(await(webhooks.ingest(notification("n", open), credentials))))
                .extracting(MessageEvent::providerEventId, MessageEvent::recipient)
                .containsExactly(tuple("n:a@example.com", "a@example.com"));
    }

    @Test
    void shouldRejectMessagesThatAreNotSesEventsOrHaveNoRecipients() {
        Normalized notJson = accepted(await(webhooks.ingest(notification("n", "hello"), credentials)));
        Normalized noRecipients = accepted(await(webhooks.ingest(notification("n",
                sesEvent("Bounce", "\"bounce\":{\"bounceType\":\"Permanent\",\"bouncedRecipients\":[]}")),
                credentials)));

        assertThat(notJson).isInstanceOfSatisfying(Normalized.Rejected.class,
                r -> assertThat(r.problem()).isEqualTo(Normalized.Problem.MALFORMED));
        assertThat(noRecipients).isInstanceOfSatisfying(Normalized.Rejected.class,
                r -> assertThat(r.problem()).isEqualTo(Normalized.Problem.EMPTY_BATCH));
    }

    private Reason reasonWith(Map<URI, X509Certificate> certificatesPublished, String body) {
        WebhookProviders isolated = WebhookProviders.create(WebhookSettings.DEFAULT, clock,
                new InMemoryReplayGuard(clock, 10), url -> Mono.justOrEmpty(certificatesPublished.get(url)));
        return denied(await(isolated.ingest(request(body), credentials)));
    }

    private static String sesEvent(String type, String section) {
        return "{\"eventType\":\"" + type + "\",\"mail\":{\"timestamp\":\"2026-01-01T00:00:00.000Z\","
                + "\"messageId\":\"ses-msg-1\",\"destination\":[\"a@example.com\",\"b@example.com\"],"
                + "\"tags\":{\"fs_message_id\":[\"0b6f7c1e-9a8d-4b3c-a2e1-f0e9d8c7b6a5\"]}}," + section + "}";
    }

    private static WebhookRequest notification(String snsMessageId, String message) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("Type", "Notification");
        envelope.put("MessageId", snsMessageId);
        envelope.put("TopicArn", TOPIC);
        envelope.put("Message", message);
        envelope.put("Timestamp", "2026-01-01T00:00:13.000Z");
        envelope.put("SigningCertURL", CERT_URL);
        return request(JsonWriter.write(signed(envelope, "2", KEYS.getPrivate())));
    }

    private static Map<String, Object> confirmation(String type, String subscribeUrl) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("Type", type);
        envelope.put("MessageId", "165545c9-2a5c-472c-8df2-7ff2be2b3b1b");
        envelope.put("Token", "2336412f37fb687f5d51e6e2425c464de12884");
        envelope.put("TopicArn", TOPIC);
        envelope.put("Message", "You have chosen to subscribe to the topic " + TOPIC + ".\nTo confirm, visit the URL.");
        envelope.put("SubscribeURL", subscribeUrl);
        envelope.put("Timestamp", "2026-01-01T00:00:10.000Z");
        envelope.put("SigningCertURL", CERT_URL);
        return envelope;
    }

    private static WebhookRequest request(String body) {
        return Webhooks.post(Provider.SES, URL, WebhookHeaders.of("Content-Type", "text/plain; charset=UTF-8"),
                body, NOW);
    }

    /** The sample's bytes as sent, with only its signature (and version) replaced by one under the test key. */
    private static String resignedSample(String version) {
        String sample = Samples.text("sns_envelope_ses_bounce.json")
                .replace("\"SignatureVersion\": \"2\"", "\"SignatureVersion\": \"" + version + "\"");
        String signature = sign(canonical(sampleEnvelope()), version, KEYS.getPrivate());
        Matcher m = Pattern.compile("\"Signature\": \"[^\"]*\"").matcher(sample);
        assertThat(m.find()).isTrue();
        return m.replaceFirst(Matcher.quoteReplacement("\"Signature\": \"" + signature + "\""));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sampleEnvelope() {
        try {
            return (Map<String, Object>) Json.parse(Samples.bytes("sns_envelope_ses_bounce.json"));
        } catch (JsonParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> signed(Map<String, Object> envelope, String version, PrivateKey key) {
        Map<String, Object> out = new LinkedHashMap<>(envelope);
        out.put("SignatureVersion", version);
        out.put("Signature", sign(canonical(envelope), version, key));
        return out;
    }

    /** SNS's string to sign, written out independently of the verifier. */
    private static String canonical(Map<String, Object> envelope) {
        List<String> keys = "Notification".equals(envelope.get("Type"))
                ? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
                : List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
        StringBuilder out = new StringBuilder();
        for (String key : keys) {
            if (envelope.containsKey(key)) {
                out.append(key).append('\n').append(envelope.get(key)).append('\n');
            }
        }
        return out.toString();
    }

    private static String sign(String canonical, String version, PrivateKey key) {
        try {
            Signature rsa = Signature.getInstance(version.equals("1") ? "SHA1withRSA" : "SHA256withRSA");
            rsa.initSign(key);
            rsa.update(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
