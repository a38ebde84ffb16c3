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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class MailgunWebhookTests {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:30Z");
    private static final String URL = "https://hooks.funnelstream.io/webhooks/mailgun/tk_9Zx";
    private static final String KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
    private static final String SAMPLE_TIMESTAMP = "1767225612";
    private static final String SAMPLE_TOKEN = "39d8dcecc7a88da025bff1567230bc8e0e28ffd1270d89e605";
    private static final String SAMPLE_SIGNATURE = "6281c5170b7b4ef1a2099ae802b4a41066bf79235e6f4fe1508779ec2cc5564e";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final WebhookProviders webhooks = WebhookProviders.create(
            WebhookSettings.DEFAULT, clock, new InMemoryReplayGuard(clock, 1000), url -> Mono.empty());
    private final ProviderCredentials credentials = ProviderCredentials.none().withMailgunSigningKey(KEY);

    @Test
    void shouldNormaliseThePermanentFailureSample() {
        List<MessageEvent> events = events(await(webhooks.ingest(request(sample()), credentials)));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.tenant()).isEqualTo(TENANT);
            assertThat(e.channel()).isEqualTo(Channel.EMAIL);
            assertThat(e.provider()).isEqualTo(Provider.MAILGUN);
            assertThat(e.providerEventId()).isEqualTo("G9Bn5sl1TC6nu79C8C0bwg");
            assertThat(e.providerMessageId()).isEqualTo("20260101000000.1.4A7D468E9BC18C5D@mg.example.com");
            assertThat(e.messageId()).isNull();
            assertThat(e.type()).isEqualTo(EventType.BOUNCED);
            assertThat(e.bounceClass()).isEqualTo(BounceClass.HARD);
            assertThat(e.occurredAt()).isEqualTo(Instant.ofEpochSecond(1767225612, 389_832_000));
            assertThat(e.receivedAt()).isEqualTo(NOW);
            assertThat(e.recipient()).isEqualTo("jane@example.com");
            assertThat(e.reason()).isEqualTo("5.1.1 The email account that you tried to reach does not exist.");
            assertThat(e.errorCode()).isEqualTo("550");
            assertThat(e.url()).isNull();
            assertThat(e.machineOpen()).isFalse();
            assertThat(e.rawType()).isEqualTo("failed");
        });
    }

    @Test
    void shouldRejectSignatureFieldsThatWereTamperedWith() {
        String body = sample().replace(SAMPLE_TOKEN, "f".repeat(50));

        assertThat(denied(await(webhooks.ingest(unsignedRequest(body), credentials))))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void shouldRejectSignatureMadeWithAnotherKey() {
        ProviderCredentials other = ProviderCredentials.none().withMailgunSigningKey("key-someone-else");

        assertThat(denied(await(webhooks.ingest(request(sample()), other)))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void shouldRejectExpiredAndFutureTimestamps() {
        String expired = signedBody(sample(), Long.toString(NOW.getEpochSecond() - 301), SAMPLE_TOKEN);
        String future = signedBody(sample(), Long.toString(NOW.getEpochSecond() + 61), "t2" + SAMPLE_TOKEN);

        assertThat(denied(await(webhooks.ingest(unsignedRequest(expired), credentials))))
                .isEqualTo(Reason.STALE_TIMESTAMP);
        assertThat(denied(await(webhooks.ingest(unsignedRequest(future), credentials))))
                .isEqualTo(Reason.FUTURE_TIMESTAMP);
    }

    @Test
    void shouldRejectAReusedTokenCarryingAnotherBody() {
        String genuine = signedBody(sample(), SAMPLE_TIMESTAMP, SAMPLE_TOKEN);
        String forged = genuine.replace("\"severity\": \"permanent\"", "\"severity\": \"temporary\"");

        assertThat(await(webhooks.ingest(unsignedRequest(genuine), credentials)))
                .isInstanceOf(WebhookOutcome.Accepted.class);
        assertThat(denied(await(webhooks.ingest(unsignedRequest(forged), credentials)))).isEqualTo(Reason.REPLAYED);
    }

    @Test
    void shouldAcceptTheSameRequestSentAgainSinceItDeduplicates() {
        String genuine = signedBody(sample(), SAMPLE_TIMESTAMP, SAMPLE_TOKEN);

        List<MessageEvent> first = events(await(webhooks.ingest(unsignedRequest(genuine), credentials)));
        List<MessageEvent> again = events(await(webhooks.ingest(unsignedRequest(genuine), credentials)));

        assertThat(again).extracting(MessageEvent::key).isEqualTo(first.stream().map(MessageEvent::key).toList());
    }

    @Test
    void shouldRejectBodiesWithoutSignatureOrWithoutConfiguredKey() {
        String noSignature = "{\"event-data\":{\"event\":\"delivered\"}}";

        assertThat(denied(await(webhooks.ingest(unsignedRequest(noSignature), credentials))))
                .isEqualTo(Reason.MISSING_SIGNATURE);
        assertThat(denied(await(webhooks.ingest(unsignedRequest("not json"), credentials))))
                .isEqualTo(Reason.MALFORMED_REQUEST);
        assertThat(denied(await(webhooks.ingest(request(sample()), ProviderCredentials.none()))))
                .isEqualTo(Reason.NOT_CONFIGURED);
    }

    @Test
    void shouldMapEachMailgunEvent() {
        assertThat(List.of(
                        event("\"event\":\"delivered\""),
                        event("\"event\":\"opened\""),
                        event("\"event\":\"clicked\",\"url\":\"https://shop.example.com/x\""),
                        event("\"event\":\"failed\",\"severity\":\"temporary\",\"reason\":\"generic\","
                                + "\"delivery-status\":{\"code\":421,\"message\":\"try later\"}"),
                        event("\"event\":\"failed\",\"severity\":\"permanent\",\"reason\":\"suppress-bounce\""),
                        event("\"event\":\"complained\""),
                        event("\"event\":\"unsubscribed\""),
                        event("\"event\":\"accepted\""),
                        event("\"event\":\"list_member_uploaded\"")))
                .extracting(MessageEvent::type, MessageEvent::bounceClass, MessageEvent::reason,
                        MessageEvent::errorCode, MessageEvent::url)
                .containsExactly(
                        tuple(EventType.DELIVERED, null, null, null, null),
                        tuple(EventType.OPENED, null, null, null, null),
                        tuple(EventType.CLICKED, null, null, null, "https://shop.example.com/x"),
                        tuple(EventType.BOUNCED, BounceClass.SOFT, "try later", "421", null),
                        tuple(EventType.DROPPED, null, "suppress-bounce", null, null),
                        tuple(EventType.SPAM_REPORTED, null, null, null, null),
                        tuple(EventType.UNSUBSCRIBED, null, null, null, null),
                        tuple(EventType.SENT, null, null, null, null),
                        tuple(EventType.UNKNOWN, null, null, null, null));
    }

    @Test
    void shouldCorrelateOnOurUserVariableAndStripAngleBrackets() {
        MessageEvent e = event("\"event\":\"delivered\",\"user-variables\":"
                + "{\"fs_message_id\":\"0b6f7c1e-9a8d-4b3c-a2e1-f0e9d8c7b6a5\"}", "<abc@mg.example.com>");

        assertThat(e.messageId()).hasToString("0b6f7c1e-9a8d-4b3c-a2e1-f0e9d8c7b6a5");
        assertThat(e.providerMessageId()).isEqualTo("abc@mg.example.com");
    }

    @Test
    void shouldRejectEventDataWithoutIdentity() {
        String body = signedBody("{\"signature\":{\"timestamp\":\"" + SAMPLE_TIMESTAMP + "\",\"token\":\""
                + SAMPLE_TOKEN + "\",\"signature\":\"" + SAMPLE_SIGNATURE + "\"},\"event-data\":{\"event\":\"opened\","
                + "\"timestamp\":1767225612}}", SAMPLE_TIMESTAMP, SAMPLE_TOKEN);

        Normalized result = accepted(await(webhooks.ingest(unsignedRequest(body), credentials)));

        assertThat(result).isInstanceOfSatisfying(Normalized.Rejected.class, r -> {
            assertThat(r.problem()).isEqualTo(Normalized.Problem.MALFORMED);
            assertThat(r.detail()).contains("event-data.message");
        });
    }

    private int tokens;

    /** One Mailgun event built around {@code members}, signed with a fresh token. */
    private MessageEvent event(String members) {
        return event(members, "m1@mg.example.com");
    }

    private MessageEvent event(String members, String messageId) {
        String token = "token-" + (++tokens);
        String body = signedBody("{\"signature\":{\"timestamp\":\"" + SAMPLE_TIMESTAMP + "\",\"token\":\"" + SAMPLE_TOKEN
                + "\",\"signature\":\"" + SAMPLE_SIGNATURE + "\"},\"event-data\":{" + members
                + ",\"id\":\"ev-" + token + "\",\"timestamp\":1767225612.5,\"recipient\":\"jane@example.com\","
                + "\"message\":{\"headers\":{\"message-id\":\"" + messageId + "\"}}}}", SAMPLE_TIMESTAMP, token);
        return events(await(webhooks.ingest(unsignedRequest(body), credentials))).get(0);
    }

    private static String sample() {
        return Samples.text("mailgun_failed_permanent.json");
    }

    /** The sample's signature object re-signed with the test key. */
    private static WebhookRequest request(String sample) {
        return unsignedRequest(signedBody(sample, SAMPLE_TIMESTAMP, SAMPLE_TOKEN));
    }

    /** Replaces the sample's timestamp, token and signature with a valid signature under {@link #KEY}. */
    private static String signedBody(String body, String timestamp, String token) {
        String signature = Webhooks.hex(Webhooks.hmac("HmacSHA256", KEY,
                (timestamp + token).getBytes(StandardCharsets.UTF_8)));
        return body.replace("\"" + SAMPLE_TIMESTAMP + "\"", "\"" + timestamp + "\"")
                .replace(SAMPLE_TOKEN, token)
                .replace(SAMPLE_SIGNATURE, signature);
    }

    private static WebhookRequest unsignedRequest(String body) {
        return Webhooks.post(Provider.MAILGUN, URL, WebhookHeaders.of("Content-Type", "application/json"), body, NOW);
    }
}
