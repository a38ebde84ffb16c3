package io.funnelstream.api.demo;

import io.funnelstream.api.demo.Scenario.Status;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/** Each provider's webhook for a demo message's event, in its own format and signed its own way. */
final class SignedPosts {

    /** A message as the provider knows it, and the tracking token of its survey link. */
    record Message(UUID id, Channel channel, Provider provider, String providerMessageId, String email, String phone,
            String trackingToken) {}

    /** One HTTP request to {@code origin + path}. */
    record Post(String path, String contentType, Map<String, String> headers, byte[] body) {}

    private final DemoSecrets secrets;
    private final String tenantKey;
    private final String origin;

    /** @param origin the service's origin as it sees itself (Twilio signs the full URL) */
    SignedPosts(DemoSecrets secrets, String tenantKey, String origin) {
        this.secrets = secrets;
        this.tenantKey = tenantKey;
        this.origin = origin;
    }

    Post post(Message m, Status status, Instant happened, Instant now) {
        if (status.survey()) {
            return beacon(m, status, happened);
        }
        return switch (m.provider()) {
            case SENDGRID -> sendGrid(m, status, happened, now);
            case MAILGUN -> mailgun(m, status, happened);
            case TWILIO -> twilio(m, status);
            case META -> meta(m, status, happened);
            default -> throw new IllegalArgumentException("the demo does not simulate " + m.provider());
        };
    }

    private Post sendGrid(Message m, Status status, Instant happened, Instant now) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("email", m.email());
        e.put("timestamp", happened.getEpochSecond());
        e.put("sg_event_id", eventId(m, status).toString());
        e.put("sg_message_id", m.providerMessageId() + ".filterdrecv-demo-1");
        e.put("fs_message_id", m.id().toString());
        switch (status) {
            case SENT -> e.put("event", "processed");
            case DEFERRED -> {
                e.put("event", "deferred");
                e.put("response", "451 4.7.1 Greylisted, try again later");
            }
            case DELIVERED -> e.put("event", "delivered");
            case BOUNCED -> {
                e.put("event", "bounce");
                e.put("type", "bounce");
                e.put("status", "5.1.1");
                e.put("reason", "550 5.1.1 The email account that you tried to reach does not exist");
            }
            case OPENED -> {
                e.put("event", "open");
                e.put("sg_machine_open", m.id().getLeastSignificantBits() % 5 == 0);
            }
            case CLICKED -> {
                e.put("event", "click");
                e.put("url", "https://survey.demo.example/nps");
            }
            default -> throw new IllegalArgumentException("SendGrid reports no " + status);
        }
        byte[] body = JsonText.of(List.of(e)).getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(now.getEpochSecond());
        String signature = ecdsa(timestamp, body);
        return new Post(path("sendgrid"), "application/json", Map.of(
                "X-Twilio-Email-Event-Webhook-Signature", signature,
                "X-Twilio-Email-Event-Webhook-Timestamp", timestamp), body);
    }

    private Post mailgun(Message m, Status status, Instant happened) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", eventId(m, status).toString());
        data.put("timestamp", happened.toEpochMilli() / 1000.0);
        data.put("recipient", m.email());
        data.put("message", Map.of("headers", Map.of("message-id", m.providerMessageId())));
        data.put("user-variables", Map.of("fs_message_id", m.id().toString()));
        switch (status) {
            case SENT -> data.put("event", "accepted");
            case DELIVERED -> data.put("event", "delivered");
            case OPENED -> data.put("event", "opened");
            case CLICKED -> {
                data.put("event", "clicked");
                data.put("url", "https://survey.demo.example/nps");
            }
            case DEFERRED, BOUNCED -> {
                boolean permanent = status == Status.BOUNCED;
                data.put("event", "failed");
                data.put("severity", permanent ? "permanent" : "temporary");
                data.put("reason", permanent ? "bounce" : "generic");
                data.put("delivery-status", Map.of("code", permanent ? 550 : 421, "message", permanent
                        ? "5.1.1 The email account that you tried to reach does not exist."
                        : "4.2.1 Mailbox busy, try again later"));
            }
            default -> throw new IllegalArgumentException("Mailgun reports no " + status);
        }
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String token = HexFormat.of().formatHex(uuidBytes());
        String signature = HexFormat.of().formatHex(hmac("HmacSHA256", secrets.mailgunSigningKey(),
                (timestamp + token).getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("signature", Map.of("token", token, "timestamp", timestamp, "signature", signature));
        root.put("event-data", data);
        return new Post(path("mailgun"), "application/json", Map.of(),
                JsonText.of(root).getBytes(StandardCharsets.UTF_8));
    }

    private Post twilio(Message m, Status status) {
        String prefix = m.channel() == Channel.WHATSAPP ? "whatsapp:" : "";
        List<String[]> params = new ArrayList<>(List.of(
                new String[] {"AccountSid", "AC00000000000000000000000000000demo"},
                new String[] {"ApiVersion", "2010-04-01"},
                new String[] {"From", prefix + "+15017122661"},
                new String[] {"To", prefix + m.phone()},
                new String[] {"MessageSid", m.providerMessageId()},
                new String[] {"MessageStatus", twilioStatus(status)}));
        String error = status == Status.FAILED ? (m.channel() == Channel.WHATSAPP ? "63016" : "30003") : null;
        if (error != null) {
            params.add(new String[] {"ErrorCode", error});
        }
        StringBuilder form = new StringBuilder();
        for (String[] p : params) {
            form.append(form.isEmpty() ? "" : "&").append(encode(p[0])).append('=').append(encode(p[1]));
        }
        params.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder signed = new StringBuilder(origin).append(path("twilio"));
        params.forEach(p -> signed.append(p[0]).append(p[1]));
        String signature = Base64.getEncoder().encodeToString(hmac("HmacSHA1", secrets.twilioAuthToken(),
                signed.toString().getBytes(StandardCharsets.UTF_8)));
        return new Post(path("twilio"), "application/x-www-form-urlencoded", Map.of("X-Twilio-Signature", signature),
                form.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String twilioStatus(Status status) {
        return switch (status) {
            case SENT -> "sent";
            case DELIVERED -> "delivered";
            case READ -> "read";
            case FAILED -> "undelivered";
            default -> throw new IllegalArgumentException("Twilio reports no " + status);
        };
    }

    private Post meta(Message m, Status status, Instant happened) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", m.providerMessageId());
        s.put("status", switch (status) {
            case SENT -> "sent";
            case DELIVERED -> "delivered";
            case READ -> "read";
            case FAILED -> "failed";
            default -> throw new IllegalArgumentException("Meta reports no " + status);
        });
        s.put("timestamp", Long.toString(happened.getEpochSecond()));
        s.put("recipient_id", m.phone().substring(1));
        s.put("biz_opaque_callback_data", m.id().toString());
        if (status == Status.FAILED) {
            s.put("errors", List.of(Map.of("code", 131026, "title", "Message undeliverable",
                    "message", "Message undeliverable")));
        }
        Map<String, Object> value = Map.of("messaging_product", "whatsapp",
                "metadata", Map.of("display_phone_number", "15550783881", "phone_number_id", "106540352242922"),
                "statuses", List.of(s));
        Map<String, Object> root = Map.of("object", "whatsapp_business_account",
                "entry", List.of(Map.of("id", "102290129340398",
                        "changes", List.of(Map.of("value", value, "field", "messages")))));
        byte[] body = JsonText.of(root).getBytes(StandardCharsets.UTF_8);
        String signature = "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", secrets.metaAppSecret(), body));
        return new Post(path("meta"), "application/json", Map.of("X-Hub-Signature-256", signature), body);
    }

    /** The survey page's beacon, as survey-tracking.js sends it (a browser's user agent: none would be a bot). */
    private static Post beacon(Message m, Status status, Instant happened) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", m.trackingToken());
        body.put("type", status.name().toLowerCase(java.util.Locale.ROOT));
        body.put("id", eventId(m, status).toString());
        body.put("at", happened.toEpochMilli());
        body.put("client", Map.of("lang", "en-US", "screen", "1920x1080", "tz", "UTC"));
        return new Post("/api/tracking/events", "text/plain", Map.of("User-Agent",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36"),
                JsonText.of(body).getBytes(StandardCharsets.UTF_8));
    }

    /** The same event of the same message has the same id, so a provider's retry is one event. */
    private static UUID eventId(Message m, Status status) {
        return UUID.nameUUIDFromBytes((m.id() + ":" + status).getBytes(StandardCharsets.UTF_8));
    }

    private String path(String provider) {
        return "/webhooks/" + provider + "/" + tenantKey;
    }

    private String ecdsa(String timestamp, byte[] body) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(secrets.sendGrid().getPrivate());
            signature.update(timestamp.getBytes(StandardCharsets.UTF_8));
            signature.update(body);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(String algorithm, String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] uuidBytes() {
        UUID a = UUID.randomUUID();
        return (a.toString().replace("-", "")).getBytes(StandardCharsets.US_ASCII);
    }

    private static String encode(@Nullable String text) {
        return URLEncoder.encode(text == null ? "" : text, StandardCharsets.UTF_8);
    }
}
