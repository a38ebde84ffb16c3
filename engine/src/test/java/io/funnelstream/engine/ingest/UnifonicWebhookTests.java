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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;

class UnifonicWebhookTests {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:30Z");
    private static final String URL = "https://hooks.funnelstream.io/webhooks/unifonic/tk_U1f";
    private static final String SECRET = "uf-shared-5a4b3c2d1e0f";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final WebhookProviders webhooks = WebhookProviders.create(
            WebhookSettings.DEFAULT, clock, new InMemoryReplayGuard(clock, 10), url -> Mono.empty());
    private final ProviderCredentials credentials = ProviderCredentials.none().withUnifonicSecret(SECRET);

    @Test
    void shouldNormaliseTheLegacyDlrSampleInTheAccountZone() {
        List<MessageEvent> events = events(await(webhooks.ingest(
                withHeaderSecret(Samples.form("unifonic_dlr_legacy.form"), SECRET), credentials)));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.tenant()).isEqualTo(TENANT);
            assertThat(e.channel()).isEqualTo(Channel.SMS);
            assertThat(e.provider()).isEqualTo(Provider.UNIFONIC);
            assertThat(e.providerEventId()).isEqualTo("7401592837:Delivered");
            assertThat(e.providerMessageId()).isEqualTo("7401592837");
            assertThat(e.messageId()).isNull();
            assertThat(e.type()).isEqualTo(EventType.DELIVERED);
            assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-01-01T00:00:05Z"));
            assertThat(e.receivedAt()).isEqualTo(NOW);
            assertThat(e.recipient()).isEqualTo("966501234567");
            assertThat(e.bounceClass()).isNull();
            assertThat(e.reason()).isNull();
            assertThat(e.errorCode()).isNull();
            assertThat(e.url()).isNull();
            assertThat(e.machineOpen()).isFalse();
            assertThat(e.rawType()).isEqualTo("Delivered");
        });
    }

    @Test
    void shouldNormaliseTheConversationSampleWithTheSecretInTheQuery() {
        WebhookRequest request = Webhooks.post(Provider.UNIFONIC, URL + "?secret=" + SECRET,
                WebhookHeaders.of("Content-Type", "application/json"), Samples.text("unifonic_conversation_status.json"),
                NOW);

        List<MessageEvent> events = events(await(webhooks.ingest(request, credentials)));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.tenant()).isEqualTo(TENANT);
            assertThat(e.channel()).isEqualTo(Channel.WHATSAPP);
            assertThat(e.provider()).isEqualTo(Provider.UNIFONIC);
            assertThat(e.providerEventId()).isEqualTo("34ab2adc-c166-4f21-8348-c67d1e2f3e9a");
            assertThat(e.providerMessageId()).isEqualTo("b322a549-0b12-48e8-9a1c-2f4e6d8b0c11");
            assertThat(e.messageId()).isNull();
            assertThat(e.type()).isEqualTo(EventType.SENT);
            assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-01-01T00:00:01Z"));
            assertThat(e.receivedAt()).isEqualTo(NOW);
            assertThat(e.recipient()).isEqualTo("+966501234567");
            assertThat(e.bounceClass()).isNull();
            assertThat(e.reason()).isNull();
            assertThat(e.errorCode()).isNull();
            assertThat(e.rawType()).isEqualTo("message.sent_successfully_to_provider");
        });
    }

    @Test
    void shouldAcceptALegacyDlrSentAsGetQuery() {
        WebhookRequest request = Webhooks.request(Provider.UNIFONIC, "GET",
                URL + "?secret=" + SECRET + "&MessageID=42&DLR=Undeliverable&Recipient=966500000000",
                WebhookHeaders.empty(), new byte[0], NOW);

        assertThat(events(await(webhooks.ingest(request, credentials))))
                .extracting(MessageEvent::providerEventId, MessageEvent::type, MessageEvent::occurredAt)
                .containsExactly(tuple("42:Undeliverable", EventType.UNDELIVERED, NOW));
    }

    @Test
    void shouldRejectAWrongMissingOrUnconfiguredSecret() {
        String body = Samples.form("unifonic_dlr_legacy.form");

        assertThat(denied(await(webhooks.ingest(withHeaderSecret(body, "guess"), credentials))))
                .isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(denied(await(webhooks.ingest(
                Webhooks.post(Provider.UNIFONIC, URL, WebhookHeaders.empty(), body, NOW), credentials))))
                .isEqualTo(Reason.MISSING_SIGNATURE);
        assertThat(denied(await(webhooks.ingest(withHeaderSecret(body, SECRET), ProviderCredentials.none()))))
                .isEqualTo(Reason.NOT_CONFIGURED);
    }

    @ParameterizedTest
    @CsvSource({
        "Queued, QUEUED", "Sent, SENT", "Delivered, DELIVERED", "Undelivered, UNDELIVERED", "Failed, FAILED",
        "Rejected, DROPPED", "Expired, UNDELIVERED", "Whatever, UNKNOWN"
    })
    void shouldMapLegacyStatuses(String status, EventType expected) {
        String body = "MessageID=7&DLR=" + status + "&Recipient=966500000000";

        assertThat(events(await(webhooks.ingest(withHeaderSecret(body, SECRET), credentials))))
                .extracting(MessageEvent::type, MessageEvent::rawType)
                .containsExactly(tuple(expected, status));
    }

    @Test
    void shouldMapConversationEventsAndKeepUnknownOnes() {
        String body = "[" + conversation("e1", "message.delivered", "sms", "")
                + "," + conversation("e2", "message.read", "whatsapp", "")
                + "," + conversation("e3", "message.failed", "whatsapp",
                        ",\"error\":{\"code\":\"131026\",\"message\":\"Receiver incapable\"}")
                + "," + conversation("e4", "message.daily_limit_hit", "whatsapp", "")
                + "," + conversation("e5", "message.received", "whatsapp", "") + "]";

        List<MessageEvent> events = events(await(webhooks.ingest(withHeaderSecret(body, SECRET), credentials)));

        assertThat(events).extracting(MessageEvent::providerEventId, MessageEvent::channel, MessageEvent::type,
                        MessageEvent::reason, MessageEvent::errorCode)
                .containsExactly(tuple("e1", Channel.SMS, EventType.DELIVERED, null, null),
                        tuple("e2", Channel.WHATSAPP, EventType.READ, null, null),
                        tuple("e3", Channel.WHATSAPP, EventType.FAILED, "Receiver incapable", "131026"),
                        tuple("e4", Channel.WHATSAPP, EventType.UNKNOWN, null, null));
    }

    @Test
    void shouldAcknowledgeInboundMessages() {
        String body = conversation("e5", "message.received", "whatsapp", "");

        assertThat(accepted(await(webhooks.ingest(withHeaderSecret(body, SECRET), credentials))))
                .isInstanceOf(Normalized.Acknowledged.class);
    }

    @Test
    void shouldRejectMalformedAndFutureEvents() {
        String noId = "DLR=Delivered&Recipient=966500000000";
        String future = conversation("e1", "message.delivered", "sms", "")
                .replace("2026-01-01T00:00:01.000Z", "2026-01-01T00:05:00.000Z");
        String badChannel = conversation("e1", "message.delivered", "pigeon", "");

        assertThat(problem(noId)).isEqualTo(Normalized.Problem.MALFORMED);
        assertThat(problem(future)).isEqualTo(Normalized.Problem.FUTURE_TIMESTAMP);
        assertThat(problem(badChannel)).isEqualTo(Normalized.Problem.MALFORMED);
        assertThat(problem("[]")).isEqualTo(Normalized.Problem.EMPTY_BATCH);
    }

    @Test
    void shouldReadLegacyTimesInTheConfiguredZone() {
        WebhookProviders utc = WebhookProviders.create(WebhookSettings.DEFAULT.withUnifonicLegacyZone(ZoneOffset.UTC),
                clock.withZone(ZoneOffset.UTC), new InMemoryReplayGuard(clock, 10), url -> Mono.empty());
        String body = "MessageID=7&DLR=Delivered&SCTS=2025-12-31+23%3A59%3A00";

        assertThat(events(await(utc.ingest(withHeaderSecret(body, SECRET), credentials))))
                .extracting(MessageEvent::occurredAt)
                .containsExactly(Instant.parse("2025-12-31T23:59:00Z"));
    }

    private Normalized.Problem problem(String body) {
        Normalized result = accepted(await(webhooks.ingest(withHeaderSecret(body, SECRET), credentials)));
        assertThat(result).isInstanceOf(Normalized.Rejected.class);
        return ((Normalized.Rejected) result).problem();
    }

    private static String conversation(String eventId, String eventType, String channel, String extra) {
        return "{\"messageId\":\"m-1\",\"eventId\":\"" + eventId + "\",\"eventType\":\"" + eventType + "\","
                + "\"recipient\":{\"channel\":\"" + channel + "\",\"contact\":\"+966501234567\"},"
                + "\"timestamp\":\"2026-01-01T00:00:01.000Z\"" + extra + "}";
    }

    private static WebhookRequest withHeaderSecret(String body, String secret) {
        return Webhooks.request(Provider.UNIFONIC, "POST", URL, WebhookHeaders.of("X-Unifonic-Secret", secret),
                body.getBytes(StandardCharsets.UTF_8), NOW);
    }
}
