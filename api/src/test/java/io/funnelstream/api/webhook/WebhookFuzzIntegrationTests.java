package io.funnelstream.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Thousands of malformed requests across every provider, from a seeded generator (the seed is in the failure
 * message): unknown providers and tenants, wrong methods and media types, oversized, random and invalid UTF-8 bodies,
 * truncated samples, garbage signatures, and garbage correctly signed so it reaches the normalisers. Every answer
 * must be a 4xx, nothing may reach the event log, and the service must stay healthy.
 */
class WebhookFuzzIntegrationTests extends WebhookIntegrationTestSupport {

    private static final int REQUESTS = 3000;
    private static final String MAILGUN_KEY = "fuzz-mailgun-key";
    private static final String TWILIO_TOKEN = "fuzz-twilio-token";
    private static final String META_SECRET = "fuzz-meta-secret";
    private static final String UNIFONIC_SECRET = "fuzz-unifonic-secret";
    private static final KeyPair SENDGRID = Signatures.ecKeyPair();
    private static final List<String> PROVIDERS =
            List.of("sendgrid", "mailgun", "ses", "twilio", "meta", "unifonic", "smtp", "postmark", "SendGrid");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "text/plain; charset=UTF-8",
            "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x",
            "application/octet-stream", "text/html", "");
    private static final List<HttpMethod> METHODS = List.of(HttpMethod.POST, HttpMethod.POST, HttpMethod.POST,
            HttpMethod.POST, HttpMethod.GET, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH);
    /** JSON samples: any strict prefix of one is malformed. */
    private static final List<byte[]> JSON_SAMPLES = List.of(sample("sendgrid_event_batch.json"),
            sample("mailgun_failed_permanent.json"), sample("sns_envelope_ses_bounce.json"),
            sample("meta_whatsapp_status_failed.json"), sample("unifonic_conversation_status.json"));
    /** Every sample; one with a byte that can never be UTF-8 is malformed whatever its format. */
    private static final List<byte[]> SAMPLES = List.of(sample("sendgrid_event_batch.json"),
            sample("mailgun_failed_permanent.json"), sample("sns_envelope_ses_bounce.json"),
            sample("twilio_sms_status_undelivered.form"), sample("meta_whatsapp_status_failed.json"),
            sample("unifonic_conversation_status.json"), sample("unifonic_dlr_legacy.form"),
            sample("twilio_whatsapp_status_read.form"));

    private Random random;
    private Tenant tenant;
    private String sent = "";

    @Test
    void shouldAnswerEveryMalformedRequestWith4xxAndStoreNothing() {
        long seed = System.nanoTime();
        random = new Random(seed);
        tenant = newTenant();
        configureEveryProvider();
        int appendsBefore = eventLog.appends();
        Map<Integer, Integer> statuses = new TreeMap<>();

        for (int i = 0; i < REQUESTS; i++) {
            var result = send().expectBody(String.class).returnResult();
            int status = result.getStatus().value();
            statuses.merge(status, 1, Integer::sum);
            assertThat(status).as("request %d of seed %d: %s answered %s", i, seed, sent, result.getResponseBody())
                    .isBetween(400, 499);
        }

        // Oversized bodies are rare in the random mix (and often refused earlier): send one to every real provider.
        for (String provider : List.of("sendgrid", "mailgun", "ses", "twilio", "meta", "unifonic")) {
            sent = "oversized POST " + provider;
            int status = client.post().uri(tenant.path(provider))
                    .header("Content-Type", "application/json")
                    .bodyValue(oversized(provider))
                    .exchange().expectBody(String.class).returnResult().getStatus().value();
            statuses.merge(status, 1, Integer::sum);
            assertThat(status).as(sent).isEqualTo(413);
        }

        assertThat(statuses).as("seed %d", seed).containsKeys(400, 401, 403, 404, 405, 413, 415);
        assertThat(eventLog.appends()).as("appends reaching the event log").isEqualTo(appendsBefore);
        assertThat(logged(tenant.id())).isEmpty();
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    private void configureEveryProvider() {
        configure(tenant, "sendgrid", Map.of("verificationKey", Signatures.sendGridVerificationKey(SENDGRID)));
        configure(tenant, "mailgun", Map.of("signingKey", MAILGUN_KEY));
        configure(tenant, "ses", Map.of("topicArns", "arn:aws:sns:us-east-1:123456789012:ses-events"));
        configure(tenant, "twilio", Map.of("authToken", TWILIO_TOKEN));
        configure(tenant, "meta", Map.of("appSecret", META_SECRET, "verifyToken", "fuzz-verify"));
        configure(tenant, "unifonic", Map.of("webhookSecret", UNIFONIC_SECRET));
    }

    private WebTestClient.ResponseSpec send() {
        String provider = pick(PROVIDERS);
        String key = random.nextInt(10) < 8 ? tenant.record().webhookKey() : randomKey();
        String path = "/webhooks/" + provider + "/" + key;
        String query = random.nextInt(4) == 0 ? "?secret=" + (random.nextBoolean() ? UNIFONIC_SECRET : "x")
                + "&hub.mode=subscribe&hub.verify_token=nope&MessageID=&DLR=" : "";
        byte[] body = body(provider);
        HttpMethod method = pick(METHODS);
        WebTestClient.RequestBodySpec request = client.method(method)
                .uri(URI.create("http://localhost:" + port + path + query));
        String contentType = pick(CONTENT_TYPES);
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        sign(request, provider, path + query, body);
        sent = method + " " + provider + " " + query + " " + contentType + " "
                + new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        return request.bodyValue(body).exchange();
    }

    /** Random bytes, invalid UTF-8, truncated samples, wrong JSON shapes, broken forms, or far too much. */
    private byte[] body(String provider) {
        return switch (random.nextInt(8)) {
            case 0 -> bytes(random.nextInt(2048));
            case 1 -> withInvalidUtf8(pick(SAMPLES));
            case 2 -> truncated(pick(JSON_SAMPLES));
            case 3 -> pick(List.of("[]", "[{}]", "null", "123", "\"x\"", "[[[[[[[[[[", "{\"a\":", "%zz&&==&=",
                    "MessageSid=&MessageStatus=", "{\"Type\":\"Notification\"}")).getBytes(StandardCharsets.UTF_8);
            case 4 -> random.nextInt(15) == 0 ? oversized(provider) : withInvalidUtf8(pick(SAMPLES));
            default -> truncated(pick(JSON_SAMPLES));
        };
    }

    /** No signature, a garbage one, or a correct one over the malformed body so that it reaches the normaliser. */
    private void sign(WebTestClient.RequestBodySpec request, String provider, String pathAndQuery, byte[] body) {
        boolean valid = random.nextBoolean();
        switch (provider) {
            case "sendgrid" -> {
                String timestamp = Long.toString(clock.instant().getEpochSecond());
                request.header("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
                request.header("X-Twilio-Email-Event-Webhook-Signature",
                        valid ? Signatures.sendGrid(SENDGRID, timestamp, body) : garbage());
            }
            case "twilio" -> request.header("X-Twilio-Signature", valid ? twilio(pathAndQuery, body) : garbage());
            case "meta" -> request.header("X-Hub-Signature-256", valid ? Signatures.meta(META_SECRET, body) : garbage());
            case "unifonic" -> request.header("X-Unifonic-Secret", valid ? UNIFONIC_SECRET : garbage());
            case "ses" -> request.header("x-amz-sns-message-type", valid ? "Notification" : garbage());
            default -> {
                if (valid) {
                    request.header("X-Signature", garbage());
                }
            }
        }
    }

    /** Twilio's signature where the body decodes as a form at all; garbage where it cannot be signed. */
    private String twilio(String pathAndQuery, byte[] body) {
        try {
            return Signatures.twilio(TWILIO_TOKEN, PUBLIC_BASE_URL + pathAndQuery, new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException undecodable) {
            return garbage();
        }
    }

    private byte[] truncated(byte[] sample) {
        int last = lastIndexOf(sample, (byte) '}');
        int end = last > 0 ? last : Math.max(0, sample.length - 1);
        return Arrays.copyOf(sample, end == 0 ? 0 : random.nextInt(end));
    }

    private byte[] withInvalidUtf8(byte[] sample) {
        byte[] copy = Arrays.copyOf(sample, sample.length);
        int at = random.nextInt(copy.length);
        copy[at] = pick(List.of(0xFF, 0xFE, 0xC0, 0xC1, 0xF8)).byteValue();
        return Arrays.copyOf(copy, at + 1 + random.nextInt(copy.length - at));
    }

    private byte[] oversized(String provider) {
        int limit = provider.equals("sendgrid") ? 5 * 1024 * 1024 : 1024 * 1024;
        byte[] body = new byte[limit + 1 + random.nextInt(1024)];
        Arrays.fill(body, (byte) '[');
        return body;
    }

    private byte[] bytes(int size) {
        byte[] out = new byte[size];
        random.nextBytes(out);
        return out;
    }

    private String garbage() {
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(90); i > 0; i--) {
            out.append((char) (0x21 + random.nextInt(0x5E)));
        }
        return out.isEmpty() ? "x" : out.toString();
    }

    private String randomKey() {
        StringBuilder out = new StringBuilder("whk_");
        for (int i = random.nextInt(70); i > 0; i--) {
            out.append("abcdefghijklmnopqrstuvwxyz0123456789-_.~".charAt(random.nextInt(40)));
        }
        return out.toString();
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static int lastIndexOf(byte[] bytes, byte value) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
