package io.funnelstream.engine.ingest;

import static io.funnelstream.engine.support.Webhooks.TENANT;
import static io.funnelstream.engine.support.Webhooks.accepted;
import static io.funnelstream.engine.support.Webhooks.await;
import static io.funnelstream.engine.support.Webhooks.denied;
import static io.funnelstream.engine.support.Webhooks.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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

class MetaWebhookTests {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:30Z");
    private static final String URL = "https://hooks.funnelstream.io/webhooks/meta/tk_M3t";
    private static final String APP_SECRET = "8c1f0e7d6b5a49382716a5b4c3d2e1f0";
    private static final String VERIFY_TOKEN = "fs-verify-0b6f7c1e";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final WebhookProviders webhooks = WebhookProviders.create(
            WebhookSettings.DEFAULT, clock, new InMemoryReplayGuard(clock, 10), url -> Mono.empty());
    private final ProviderCredentials credentials = ProviderCredentials.none().withMeta(APP_SECRET, VERIFY_TOKEN);

    @Test
    void shouldNormaliseTheFailedStatusSample() {
        byte[] body = Samples.bytes("meta_whatsapp_status_failed.json");

        List<MessageEvent> events = events(await(webhooks.ingest(post(body, sign(body)), credentials)));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.tenant()).isEqualTo(TENANT);
            assertThat(e.channel()).isEqualTo(Channel.WHATSAPP);
            assertThat(e.provider()).isEqualTo(Provider.META);
            assertThat(e.providerEventId())
                    .isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3RkM0RTZFNzRGRjgyMkE0QUEA:failed");
            assertThat(e.providerMessageId()).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3RkM0RTZFNzRGRjgyMkE0QUEA");
            assertThat(e.messageId()).isNull();
            assertThat(e.type()).isEqualTo(EventType.FAILED);
            assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-01-01T00:00:02Z"));
            assertThat(e.receivedAt()).isEqualTo(NOW);
            assertThat(e.recipient()).isEqualTo("16505551234");
            assertThat(e.bounceClass()).isNull();
            assertThat(e.reason()).isEqualTo("Message failed to send because more than 24 hours have passed since "
                    + "the customer last replied to this number.");
            assertThat(e.errorCode()).isEqualTo("131047");
            assertThat(e.url()).isNull();
            assertThat(e.machineOpen()).isFalse();
            assertThat(e.rawType()).isEqualTo("failed");
        });
    }

    @Test
    void shouldVerifyBodiesAsReceivedWhetherEscapedOrRawUtf8() {
        byte[] escaped = statuses("{\"id\":\"wamid.A\",\"status\":\"failed\",\"timestamp\":\"1767225602\","
                + "\"errors\":[{\"code\":131026,\"title\":\"Caf\\u00e9 \\ud83d\\ude00 undeliverable\"}]}");
        byte[] raw = statuses("{\"id\":\"wamid.A\",\"status\":\"failed\",\"timestamp\":\"1767225602\","
                + "\"errors\":[{\"code\":131026,\"title\":\"Café 😀 undeliverable\"}]}");

        MessageEvent fromEscaped = events(await(webhooks.ingest(post(escaped, sign(escaped)), credentials))).get(0);
        MessageEvent fromRaw = events(await(webhooks.ingest(post(raw, sign(raw)), credentials))).get(0);

        assertThat(fromEscaped.reason()).isEqualTo("Café 😀 undeliverable").isEqualTo(fromRaw.reason());
        assertThat(denied(await(webhooks.ingest(post(escaped, sign(raw)), credentials))))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void shouldRejectTamperedBodyWrongSecretAndBadHeadersButNotHexCase() {
        byte[] body = Samples.bytes("meta_whatsapp_status_failed.json");
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"failed\"", "\"read\"")
                .getBytes(StandardCharsets.UTF_8);
        ProviderCredentials otherSecret = ProviderCredentials.none().withMeta("another-secret", VERIFY_TOKEN);
        String hex = sign(body).substring("sha256=".length());

        assertThat(denied(await(webhooks.ingest(post(tampered, sign(body)), credentials))))
                .isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(denied(await(webhooks.ingest(post(body, sign(body)), otherSecret)))).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(denied(await(webhooks.ingest(post(body, hex), credentials)))).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(await(webhooks.ingest(post(body, "sha256=" + hex.toUpperCase(java.util.Locale.ROOT)), credentials)))
                .isInstanceOf(WebhookOutcome.Accepted.class);
        assertThat(denied(await(webhooks.ingest(Webhooks.request(Provider.META, "POST", URL,
                WebhookHeaders.empty(), body, NOW), credentials)))).isEqualTo(Reason.MISSING_SIGNATURE);
    }

    @Test
    void shouldAnswerTheSubscriptionHandshakeWithTheChallenge() {
        Normalized result = accepted(await(webhooks.ingest(
                handshake("hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN + "&hub.challenge=1158201444"),
                credentials)));

        assertThat(result).isEqualTo(new Normalized.Challenge("1158201444"));
    }

    @Test
    void shouldRefuseAHandshakeWithAWrongOrMissingToken() {
        assertThat(denied(await(webhooks.ingest(
                handshake("hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1"), credentials))))
                .isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(denied(await(webhooks.ingest(handshake("hub.mode=subscribe&hub.challenge=1"), credentials))))
                .isEqualTo(Reason.MISSING_SIGNATURE);
        assertThat(denied(await(webhooks.ingest(
                handshake("hub.mode=unsubscribe&hub.verify_token=" + VERIFY_TOKEN + "&hub.challenge=1"), credentials))))
                .isEqualTo(Reason.MALFORMED_REQUEST);
        assertThat(denied(await(webhooks.ingest(handshake("hub.mode=subscribe&hub.verify_token=x&hub.challenge=1"),
                ProviderCredentials.none())))).isEqualTo(Reason.NOT_CONFIGURED);
    }

    @Test
    void shouldNotReflectAChallengeThatIsNotAPlainToken() {
        Normalized result = accepted(await(webhooks.ingest(handshake("hub.mode=subscribe&hub.verify_token="
                + VERIFY_TOKEN + "&hub.challenge=%3Cscript%3E"), credentials)));

        assertThat(result).isInstanceOf(Normalized.Rejected.class);
    }

    @Test
    void shouldMapStatusesAndKeepUnknownOnes() {
        byte[] body = statuses(
                "{\"id\":\"w1\",\"status\":\"sent\",\"timestamp\":\"1767225601\",\"recipient_id\":\"1555\","
                        + "\"biz_opaque_callback_data\":\"0b6f7c1e-9a8d-4b3c-a2e1-f0e9d8c7b6a5\"}",
                "{\"id\":\"w1\",\"status\":\"delivered\",\"timestamp\":\"1767225602\"}",
                "{\"id\":\"w1\",\"status\":\"read\",\"timestamp\":\"1767225603\"}",
                "{\"id\":\"w1\",\"status\":\"deleted\",\"timestamp\":\"1767225604\"}");

        List<MessageEvent> events = events(await(webhooks.ingest(post(body, sign(body)), credentials)));

        assertThat(events).extracting(MessageEvent::providerEventId, MessageEvent::type, MessageEvent::rawType)
                .containsExactly(tuple("w1:sent", EventType.SENT, "sent"),
                        tuple("w1:delivered", EventType.DELIVERED, "delivered"),
                        tuple("w1:read", EventType.READ, "read"),
                        tuple("w1:deleted", EventType.UNKNOWN, "deleted"));
        assertThat(events.get(0).messageId()).hasToString("0b6f7c1e-9a8d-4b3c-a2e1-f0e9d8c7b6a5");
    }

    @Test
    void shouldAcknowledgeNotificationsWithoutStatuses() {
        byte[] inbound = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"value\":"
                + "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.in\",\"type\":\"text\"}]},"
                + "\"field\":\"messages\"}]}]}").getBytes(StandardCharsets.UTF_8);

        assertThat(accepted(await(webhooks.ingest(post(inbound, sign(inbound)), credentials))))
                .isInstanceOf(Normalized.Acknowledged.class);
    }

    @Test
    void shouldAcknowledgeOtherObjectsButRejectABodyNamingNone() {
        byte[] page = "{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        byte[] none = "{\"Type\":\"Notification\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(accepted(await(webhooks.ingest(post(page, sign(page)), credentials))))
                .isInstanceOf(Normalized.Acknowledged.class);
        assertThat(accepted(await(webhooks.ingest(post(none, sign(none)), credentials))))
                .isInstanceOfSatisfying(Normalized.Rejected.class,
                        r -> assertThat(r.problem()).isEqualTo(Normalized.Problem.MALFORMED));
    }

    @Test
    void shouldRejectEmptyAndFutureBatches() {
        byte[] empty = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        byte[] future = statuses("{\"id\":\"w1\",\"status\":\"sent\",\"timestamp\":\"1767229999\"}");

        assertThat(accepted(await(webhooks.ingest(post(empty, sign(empty)), credentials))))
                .isEqualTo(new Normalized.Rejected(Normalized.Problem.EMPTY_BATCH, "the request carries no events"));
        assertThat(accepted(await(webhooks.ingest(post(future, sign(future)), credentials))))
                .isInstanceOfSatisfying(Normalized.Rejected.class,
                        r -> assertThat(r.problem()).isEqualTo(Normalized.Problem.FUTURE_TIMESTAMP));
    }

    private static byte[] statuses(String... statuses) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1022\",\"changes\":[{\"value\":"
                + "{\"messaging_product\":\"whatsapp\",\"statuses\":[" + String.join(",", statuses) + "]},"
                + "\"field\":\"messages\"}]}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static WebhookRequest post(byte[] body, String signatureHeader) {
        return Webhooks.request(Provider.META, "POST", URL, WebhookHeaders.of(
                "Content-Type", "application/json", "X-Hub-Signature-256", signatureHeader), body, NOW);
    }

    private static WebhookRequest handshake(String query) {
        return Webhooks.request(Provider.META, "GET", URL + "?" + query, WebhookHeaders.empty(), new byte[0], NOW);
    }

    private static String sign(byte[] body) {
        return "sha256=" + Webhooks.hex(Webhooks.hmac("HmacSHA256", APP_SECRET, body));
    }
}
