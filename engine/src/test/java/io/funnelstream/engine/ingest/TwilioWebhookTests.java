package io.funnelstream.engine.ingest;

import static io.funnelstream.engine.support.Webhooks.TENANT;
import static io.funnelstream.engine.support.Webhooks.accepted;
import static io.funnelstream.engine.support.Webhooks.await;
import static io.funnelstream.engine.support.Webhooks.denied;
import static io.funnelstream.engine.support.Webhooks.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.form.FormData;
import io.funnelstream.engine.form.FormParseException;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;

class TwilioWebhookTests {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:40Z");
    private static final String URL = "https://hooks.funnelstream.io/webhooks/twilio/tk_Qr5";
    private static final String TOKEN = "12345678901234567890123456789012";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final WebhookProviders webhooks = WebhookProviders.create(
            WebhookSettings.DEFAULT, clock, new InMemoryReplayGuard(clock, 10), url -> Mono.empty());
    private final ProviderCredentials credentials = ProviderCredentials.none().withTwilioAuthToken(TOKEN);

    @Test
    void shouldNormaliseTheUndeliveredSmsSample() {
        String body = Samples.form("twilio_sms_status_undelivered.form");

        List<MessageEvent> events = events(await(webhooks.ingest(form(URL, body, sign(URL, body)), credentials)));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.tenant()).isEqualTo(TENANT);
            assertThat(e.channel()).isEqualTo(Channel.SMS);
            assertThat(e.provider()).isEqualTo(Provider.TWILIO);
            assertThat(e.providerEventId()).isEqualTo("SMa3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3:undelivered:30003");
            assertThat(e.providerMessageId()).isEqualTo("SMa3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3");
            assertThat(e.messageId()).isNull();
            assertThat(e.type()).isEqualTo(EventType.UNDELIVERED);
            assertThat(e.occurredAt()).isEqualTo(NOW);
            assertThat(e.receivedAt()).isEqualTo(NOW);
            assertThat(e.recipient()).isEqualTo("+15558675310");
            assertThat(e.bounceClass()).isNull();
            assertThat(e.reason()).isNull();
            assertThat(e.errorCode()).isEqualTo("30003");
            assertThat(e.url()).isNull();
            assertThat(e.machineOpen()).isFalse();
            assertThat(e.rawType()).isEqualTo("undelivered");
        });
    }

    @Test
    void shouldNormaliseTheReadWhatsAppSample() {
        String body = Samples.form("twilio_whatsapp_status_read.form");

        List<MessageEvent> events = events(await(webhooks.ingest(form(URL, body, sign(URL, body)), credentials)));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.channel()).isEqualTo(Channel.WHATSAPP);
            assertThat(e.providerEventId()).isEqualTo("MMb7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7:read:");
            assertThat(e.providerMessageId()).isEqualTo("MMb7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7");
            assertThat(e.type()).isEqualTo(EventType.READ);
            assertThat(e.recipient()).isEqualTo("+15558675310");
            assertThat(e.errorCode()).isNull();
            assertThat(e.occurredAt()).isEqualTo(NOW);
            assertThat(e.rawType()).isEqualTo("read");
        });
    }

    @Test
    void shouldAcceptTheUrlSignedWithOrWithoutTheDefaultPort() {
        String body = Samples.form("twilio_sms_status_undelivered.form");
        String withPort = "https://hooks.funnelstream.io:443/webhooks/twilio/tk_Qr5";
        String httpWithPort = "http://localhost:80/webhooks/twilio/tk_Qr5?x=1";
        String httpWithoutPort = "http://localhost/webhooks/twilio/tk_Qr5?x=1";

        assertThat(await(webhooks.ingest(form(URL, body, sign(withPort, body)), credentials)))
                .isInstanceOf(WebhookOutcome.Accepted.class);
        assertThat(await(webhooks.ingest(form(withPort, body, sign(URL, body)), credentials)))
                .isInstanceOf(WebhookOutcome.Accepted.class);
        assertThat(await(webhooks.ingest(form(httpWithoutPort, body, sign(httpWithPort, body)), credentials)))
                .isInstanceOf(WebhookOutcome.Accepted.class);
        assertThat(denied(await(webhooks.ingest(
                form(URL, body, sign("https://hooks.funnelstream.io:8443/webhooks/twilio/tk_Qr5", body)), credentials))))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void shouldSignTheQueryStringAsPartOfTheUrl() {
        String body = Samples.form("twilio_sms_status_undelivered.form");
        String url = URL + "?region=eu&attempt=1";

        assertThat(await(webhooks.ingest(form(url, body, sign(url, body)), credentials)))
                .isInstanceOf(WebhookOutcome.Accepted.class);
        assertThat(denied(await(webhooks.ingest(form(url, body, sign(URL, body)), credentials))))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void shouldSortRepeatedParametersByNameThenValue() {
        String body = "MessageSid=SM1&MessageStatus=sent&Tag=zeta&Tag=alpha&To=%2B15550001111";
        String sortedByHand = URL + "MessageSidSM1" + "MessageStatussent" + "Tagalpha" + "Tagzeta" + "To+15550001111";
        String inArrivalOrder = URL + "MessageSidSM1" + "MessageStatussent" + "Tagzeta" + "Tagalpha" + "To+15550001111";

        assertThat(await(webhooks.ingest(form(URL, body, signature(sortedByHand)), credentials)))
                .isInstanceOf(WebhookOutcome.Accepted.class);
        assertThat(denied(await(webhooks.ingest(form(URL, body, signature(inArrivalOrder)), credentials))))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void shouldVerifyAJsonBodyThroughBodySha256() {
        String body = "{\"MessageSid\":\"SM9\",\"MessageStatus\":\"delivered\",\"To\":\"+15550001111\"}";
        String url = URL + "?bodySHA256=" + Webhooks.hex(sha256(body));
        String tampered = body.replace("delivered", "failed");

        List<MessageEvent> events = events(await(webhooks.ingest(json(url, body, signature(url)), credentials)));

        assertThat(events).extracting(MessageEvent::providerEventId, MessageEvent::type)
                .containsExactly(org.assertj.core.api.Assertions.tuple("SM9:delivered:", EventType.DELIVERED));
        assertThat(denied(await(webhooks.ingest(json(url, tampered, signature(url)), credentials))))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void shouldRejectTamperedBodyWrongTokenAndMissingSignature() {
        String body = Samples.form("twilio_sms_status_undelivered.form");
        String signature = sign(URL, body);
        WebhookRequest unsigned = Webhooks.post(Provider.TWILIO, URL, WebhookHeaders.empty(), body, NOW);

        assertThat(denied(await(webhooks.ingest(form(URL, body.replace("undelivered", "delivered"), signature),
                credentials)))).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(denied(await(webhooks.ingest(form(URL, body, signature),
                ProviderCredentials.none().withTwilioAuthToken("another-token"))))).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(denied(await(webhooks.ingest(unsigned, credentials)))).isEqualTo(Reason.MISSING_SIGNATURE);
        assertThat(denied(await(webhooks.ingest(form(URL, body, signature), ProviderCredentials.none()))))
                .isEqualTo(Reason.NOT_CONFIGURED);
        assertThat(denied(await(webhooks.ingest(form(URL, "a=%zz", sign(URL, "")), credentials))))
                .isEqualTo(Reason.MALFORMED_REQUEST);
    }

    @ParameterizedTest
    @CsvSource({
        "accepted, QUEUED", "scheduled, QUEUED", "queued, QUEUED", "sending, QUEUED", "sent, SENT",
        "delivered, DELIVERED", "undelivered, UNDELIVERED", "failed, FAILED", "read, READ", "canceled, DROPPED",
        "partially_delivered, UNKNOWN"
    })
    void shouldMapEachMessageStatus(String status, EventType expected) {
        String body = "MessageSid=SM1&MessageStatus=" + status + "&ErrorCode=&To=%2B15550001111";

        List<MessageEvent> events = events(await(webhooks.ingest(form(URL, body, sign(URL, body)), credentials)));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(expected);
            assertThat(e.rawType()).isEqualTo(status);
            assertThat(e.providerEventId()).isEqualTo("SM1:" + status + ":");
        });
    }

    @Test
    void shouldRejectACallbackWithoutStatusAsMalformed() {
        String body = "MessageSid=SM1&To=%2B15550001111";

        Normalized result = accepted(await(webhooks.ingest(form(URL, body, sign(URL, body)), credentials)));

        assertThat(result).isInstanceOfSatisfying(Normalized.Rejected.class, r -> {
            assertThat(r.problem()).isEqualTo(Normalized.Problem.MALFORMED);
            assertThat(r.detail()).contains("MessageStatus");
        });
    }

    private static WebhookRequest form(String url, String body, String signature) {
        return Webhooks.post(Provider.TWILIO, url, WebhookHeaders.of(
                "Content-Type", "application/x-www-form-urlencoded", "X-Twilio-Signature", signature), body, NOW);
    }

    private static WebhookRequest json(String url, String body, String signature) {
        return Webhooks.post(Provider.TWILIO, url, WebhookHeaders.of(
                "Content-Type", "application/json", "X-Twilio-Signature", signature), body, NOW);
    }

    /** Twilio's scheme, written out: URL, then each decoded parameter sorted by name then value. */
    private static String sign(String url, String formBody) {
        try {
            List<FormData.Field> fields = new ArrayList<>(FormData.parse(formBody).fields());
            fields.sort(Comparator.comparing(FormData.Field::name).thenComparing(FormData.Field::value));
            StringBuilder data = new StringBuilder(url);
            fields.forEach(f -> data.append(f.name()).append(f.value()));
            return signature(data.toString());
        } catch (FormParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signature(String data) {
        return Base64.getEncoder().encodeToString(
                Webhooks.hmac("HmacSHA1", TOKEN, data.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(String body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
