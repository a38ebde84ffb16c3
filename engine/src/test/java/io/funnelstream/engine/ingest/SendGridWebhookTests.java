package io.funnelstream.engine.ingest;

import static io.funnelstream.engine.support.Webhooks.TENANT;
import static io.funnelstream.engine.support.Webhooks.accepted;
import static io.funnelstream.engine.support.Webhooks.await;
import static io.funnelstream.engine.support.Webhooks.denied;
import static io.funnelstream.engine.support.Webhooks.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.normalize.Normalized;
import io.funnelstream.engine.support.Samples;
import io.funnelstream.engine.support.Webhooks;
import io.funnelstream.engine.webhook.InMemoryReplayGuard;
import io.funnelstream.engine.webhook.ProviderCredentials;
import io.funnelstream.engine.webhook.Verification.Reason;
import io.funnelstream.engine.webhook.WebhookHeaders;
import io.funnelstream.engine.webhook.WebhookRequest;
import io.funnelstream.engine.webhook.WebhookSettings;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class SendGridWebhookTests {

    private static final Instant NOW = Instant.parse("2026-01-01T00:20:00Z");
    private static final String URL = "https://hooks.funnelstream.io/webhooks/sendgrid/tk_7Hq2";
    private static final KeyPair KEYS = ecKeyPair();
    private static final KeyPair OTHER_KEYS = ecKeyPair();
    private static final byte[] CRLF = {'\r', '\n'};

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final WebhookProviders webhooks = WebhookProviders.create(
            WebhookSettings.DEFAULT, clock, new InMemoryReplayGuard(clock, 100), url -> Mono.empty());
    private final ProviderCredentials credentials = ProviderCredentials.none()
            .withSendGridVerificationKey(Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded()));

    @Test
    void shouldNormaliseEveryEventOfTheSampleBatch() {
        List<MessageEvent> events = events(await(webhooks.ingest(signed(sampleBody()), credentials)));

        assertThat(events).allSatisfy(e -> {
            assertThat(e.tenant()).isEqualTo(TENANT);
            assertThat(e.channel()).isEqualTo(Channel.EMAIL);
            assertThat(e.provider()).isEqualTo(Provider.SENDGRID);
            assertThat(e.providerMessageId()).isEqualTo("LRzXl_NHStOGhQ4kofSm_A");
            assertThat(e.messageId()).isNull();
            assertThat(e.receivedAt()).isEqualTo(NOW);
        });
        assertThat(events).extracting(
                        MessageEvent::providerEventId, MessageEvent::type, MessageEvent::rawType,
                        e -> e.occurredAt().getEpochSecond(), MessageEvent::recipient, MessageEvent::bounceClass,
                        MessageEvent::reason, MessageEvent::errorCode, MessageEvent::url, MessageEvent::machineOpen)
                .containsExactly(
                        tuple("cHJvY2Vzc2VkLTEwOTk0OTE5LUxSelhsX05IU3RPR2hRNGtvZlNtX0EtMA", EventType.SENT,
                                "processed", 1767225600L, "jane@example.com", null, null, null, null, false),
                        tuple("ZGVmZXJyZWQtMS0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA", EventType.DEFERRED,
                                "deferred", 1767225630L, "jane@example.com", null,
                                "451 4.7.1 Greylisted, try again later", null, null, false),
                        tuple("ZGVsaXZlcmVkLTAtMTA5OTQ5MTktTFJ6WGxfTkhTdE9HaFE0a29mU21fQS0w", EventType.DELIVERED,
                                "delivered", 1767225695L, "jane@example.com", null, null, null, null, false),
                        tuple("b3Blbi0xLTEwOTk0OTE5LUxSelhsX05IU3RPR2hRNGtvZlNtX0EtMA", EventType.OPENED,
                                "open", 1767226000L, "jane@example.com", null, null, null, null, false),
                        tuple("Y2xpY2stMS0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA", EventType.CLICKED,
                                "click", 1767226060L, "jane@example.com", null, null, null,
                                "https://shop.example.com/orders/8812", false),
                        tuple("Ym91bmNlLTAtMTA5OTQ5MTktTFJ6WGxfTkhTdE9HaFE0a29mU21fQS0w", EventType.BOUNCED,
                                "bounce", 1767225612L, "nobody@example.org", BounceClass.HARD,
                                "550 5.1.1 The email account that you tried to reach does not exist.", "5.1.1",
                                null, false),
                        tuple("Ym91bmNlLTQtNTA0ODUxOTUtZXVvMmlLeGRTYXlQRjRZRTQtLUk3QS0w", EventType.BOUNCED,
                                "bounce", 1767225613L, "user@nxdomain.invalid", BounceClass.SOFT,
                                "unable to get mx info: failed to get IPs from PTR record: lookup <nil>: "
                                        + "unrecognized address", null, null, false),
                        tuple("ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA", EventType.DROPPED,
                                "dropped", 1767225601L, "old@example.net", null, "Bounced Address", "5.0.0", null,
                                false),
                        tuple("c3BhbXJlcG9ydC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA",
                                EventType.SPAM_REPORTED, "spamreport", 1767226500L, "jane@example.com", null, null,
                                null, null, false),
                        tuple("dW5zdWJzY3JpYmUtMTA5OTQ5MTktTFJ6WGxfTkhTdE9HaFE0a29mU21fQS0w",
                                EventType.UNSUBSCRIBED, "unsubscribe", 1767226510L, "jane@example.com", null, null,
                                null, null, false),
                        tuple("Z3JvdXBfdW5zdWItMTA5OTQ5MTktTFJ6WGxfTkhTdE9HaFE0a29mU21fQS0w",
                                EventType.UNSUBSCRIBED, "group_unsubscribe", 1767226520L, "jane@example.com", null,
                                null, null, null, false));
        assertThat(events.get(5).stage()).contains(io.funnelstream.engine.model.Stage.BOUNCED);
        assertThat(events.get(6).stage()).contains(io.funnelstream.engine.model.Stage.SOFT_BOUNCED);
    }

    @Test
    void shouldVerifyTheExactBytesReceivedIncludingTheTrailingCrlf() {
        byte[] withCrlf = sampleBody();
        byte[] withoutCrlf = Samples.bytes("sendgrid_event_batch.json");
        WebhookRequest signedWithCrlf = signed(withCrlf);

        WebhookRequest crlfDropped = new WebhookRequest(Provider.SENDGRID, TENANT, "POST", URL,
                signedWithCrlf.headers(), withoutCrlf, NOW);

        assertThat(withCrlf).endsWith(CRLF);
        assertThat(await(webhooks.ingest(signedWithCrlf, credentials))).isInstanceOf(WebhookOutcome.Accepted.class);
        assertThat(denied(await(webhooks.ingest(crlfDropped, credentials)))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void shouldRejectTamperedBody() {
        WebhookRequest genuine = signed(sampleBody());
        byte[] tampered = new String(sampleBody(), StandardCharsets.UTF_8)
                .replace("\"type\": \"bounce\"", "\"type\": \"blocked\"")
                .getBytes(StandardCharsets.UTF_8);

        WebhookRequest forged = new WebhookRequest(Provider.SENDGRID, TENANT, "POST", URL, genuine.headers(),
                tampered, NOW);

        assertThat(denied(await(webhooks.ingest(forged, credentials)))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void shouldRejectSignatureMadeWithAnotherKey() {
        WebhookRequest request = signed(sampleBody(), OTHER_KEYS.getPrivate(), NOW.getEpochSecond());

        assertThat(denied(await(webhooks.ingest(request, credentials)))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void shouldRejectTimestampsOutsideTheReplayWindow() {
        long tooOld = NOW.minus(Duration.ofMinutes(5)).minusSeconds(1).getEpochSecond();
        long oldest = NOW.minus(Duration.ofMinutes(5)).getEpochSecond();
        long tooNew = NOW.plus(Duration.ofMinutes(1)).plusSeconds(1).getEpochSecond();

        assertThat(denied(await(webhooks.ingest(signed(sampleBody(), KEYS.getPrivate(), tooOld), credentials))))
                .isEqualTo(Reason.STALE_TIMESTAMP);
        assertThat(denied(await(webhooks.ingest(signed(sampleBody(), KEYS.getPrivate(), tooNew), credentials))))
                .isEqualTo(Reason.FUTURE_TIMESTAMP);
        assertThat(await(webhooks.ingest(signed(sampleBody(), KEYS.getPrivate(), oldest), credentials)))
                .isInstanceOf(WebhookOutcome.Accepted.class);
    }

    @Test
    void shouldHonourAConfiguredReplayWindow() {
        WebhookProviders strict = WebhookProviders.create(WebhookSettings.DEFAULT.withMaxAge(Duration.ofSeconds(30)),
                clock, new InMemoryReplayGuard(clock, 10), url -> Mono.empty());
        long minuteAgo = NOW.minusSeconds(60).getEpochSecond();

        assertThat(denied(await(strict.ingest(signed(sampleBody(), KEYS.getPrivate(), minuteAgo), credentials))))
                .isEqualTo(Reason.STALE_TIMESTAMP);
    }

    @Test
    void shouldRejectMissingSignatureHeadersAndMissingKey() {
        WebhookRequest unsigned = Webhooks.request(Provider.SENDGRID, "POST", URL,
                WebhookHeaders.of("Content-Type", "application/json"), sampleBody(), NOW);
        WebhookRequest noTimestamp = Webhooks.request(Provider.SENDGRID, "POST", URL, WebhookHeaders.of(
                "X-Twilio-Email-Event-Webhook-Signature", "MEUCIQ=="), sampleBody(), NOW);

        assertThat(denied(await(webhooks.ingest(unsigned, credentials)))).isEqualTo(Reason.MISSING_SIGNATURE);
        assertThat(denied(await(webhooks.ingest(noTimestamp, credentials)))).isEqualTo(Reason.MISSING_SIGNATURE);
        assertThat(denied(await(webhooks.ingest(signed(sampleBody()), ProviderCredentials.none()))))
                .isEqualTo(Reason.NOT_CONFIGURED);
        assertThat(denied(await(webhooks.ingest(signed(sampleBody()),
                ProviderCredentials.none().withSendGridVerificationKey("not a key")))))
                .isEqualTo(Reason.NOT_CONFIGURED);
    }

    @Test
    void shouldAcceptAPemArmouredVerificationKey() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";

        assertThat(await(webhooks.ingest(signed(sampleBody()),
                ProviderCredentials.none().withSendGridVerificationKey(pem))))
                .isInstanceOf(WebhookOutcome.Accepted.class);
    }

    @Test
    void shouldTakeOurMessageIdFromTheCustomArgument() {
        UUID ours = UUID.fromString("0b6f7c1e-9a8d-4b3c-a2e1-f0e9d8c7b6a5");
        String body = "[{\"email\":\"a@example.com\",\"timestamp\":1767225600,\"event\":\"delivered\","
                + "\"sg_event_id\":\"e1\",\"sg_message_id\":\"abc.filter-1\",\"fs_message_id\":\"" + ours + "\"},"
                + "{\"email\":\"a@example.com\",\"timestamp\":1767225600,\"event\":\"open\",\"sg_machine_open\":true,"
                + "\"sg_event_id\":\"e2\",\"sg_message_id\":\"abc\",\"fs_message_id\":\"not-a-uuid\"}]\r\n";

        List<MessageEvent> events = events(await(webhooks.ingest(signed(bytes(body)), credentials)));

        assertThat(events).extracting(MessageEvent::messageId).containsExactly(ours, null);
        assertThat(events).extracting(MessageEvent::providerMessageId).containsExactly("abc", "abc");
        assertThat(events.get(1).machineOpen()).isTrue();
    }

    @Test
    void shouldKeepUnknownAndResubscribeEventsWithoutFailing() {
        String body = "[{\"timestamp\":1767225600,\"event\":\"group_resubscribe\",\"sg_event_id\":\"e1\","
                + "\"sg_message_id\":\"abc.x\",\"asm_group_id\":42},"
                + "{\"timestamp\":1767225600,\"event\":\"machine_learning_magic\",\"sg_event_id\":\"e2\","
                + "\"sg_message_id\":\"abc.x\"}]";

        List<MessageEvent> events = events(await(webhooks.ingest(signed(bytes(body)), credentials)));

        assertThat(events).extracting(MessageEvent::type, MessageEvent::rawType, MessageEvent::recipient)
                .containsExactly(tuple(EventType.RESUBSCRIBED, "group_resubscribe", null),
                        tuple(EventType.UNKNOWN, "machine_learning_magic", null));
    }

    @Test
    void shouldRejectEmptyMalformedAndFutureBatches() {
        assertThat(problem("[]\r\n")).isEqualTo(Normalized.Problem.EMPTY_BATCH);
        assertThat(problem("{\"event\":\"open\"}")).isEqualTo(Normalized.Problem.MALFORMED);
        assertThat(problem("[{\"event\":\"open\",}]")).isEqualTo(Normalized.Problem.MALFORMED);
        assertThat(problem("[{\"event\":\"open\",\"timestamp\":1767225600,\"sg_message_id\":\"m\"}]"))
                .isEqualTo(Normalized.Problem.MALFORMED);
        assertThat(problem("[{\"event\":\"open\",\"timestamp\":1767299999,\"sg_event_id\":\"e\","
                + "\"sg_message_id\":\"m\"}]")).isEqualTo(Normalized.Problem.FUTURE_TIMESTAMP);
    }

    @Test
    void shouldSayWhereAMalformedBatchGoesWrong() {
        Normalized result = accepted(await(webhooks.ingest(signed(bytes(
                "[{\"event\":\"open\",\"timestamp\":1767225600,\"sg_message_id\":\"m\"}]")), credentials)));
        Normalized broken = accepted(await(webhooks.ingest(signed(bytes("[{\"event\" \"open\"}]")), credentials)));

        assertThat(((Normalized.Rejected) result).detail()).contains("[0].sg_event_id");
        assertThat(((Normalized.Rejected) broken).detail()).contains("at byte 10");
    }

    private Normalized.Problem problem(String body) {
        Normalized result = accepted(await(webhooks.ingest(signed(bytes(body)), credentials)));
        assertThat(result).isInstanceOf(Normalized.Rejected.class);
        return ((Normalized.Rejected) result).problem();
    }

    /** The sample as SendGrid really sends it: ending with CRLF. */
    private static byte[] sampleBody() {
        String json = Samples.text("sendgrid_event_batch.json");
        return (json.endsWith("\n") ? json.substring(0, json.length() - 1) + "\r\n" : json + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static WebhookRequest signed(byte[] body) {
        return signed(body, KEYS.getPrivate(), NOW.getEpochSecond());
    }

    private static WebhookRequest signed(byte[] body, PrivateKey key, long timestamp) {
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(key);
            ecdsa.update(Long.toString(timestamp).getBytes(StandardCharsets.US_ASCII));
            ecdsa.update(body);
            WebhookHeaders headers = WebhookHeaders.of(
                    "Content-Type", "application/json",
                    "x-twilio-email-event-webhook-signature", Base64.getEncoder().encodeToString(ecdsa.sign()),
                    "X-Twilio-Email-Event-Webhook-Timestamp", Long.toString(timestamp));
            return Webhooks.request(Provider.SENDGRID, "POST", URL, headers, body, NOW);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
