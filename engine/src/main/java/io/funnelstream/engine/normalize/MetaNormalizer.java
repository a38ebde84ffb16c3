package io.funnelstream.engine.normalize;

import static io.funnelstream.engine.normalize.Fields.optObject;
import static io.funnelstream.engine.normalize.Fields.optString;

import io.funnelstream.engine.json.Json;
import io.funnelstream.engine.json.JsonParseException;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.webhook.Verification;
import io.funnelstream.engine.webhook.WebhookRequest;
import io.funnelstream.engine.webhook.WebhookSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Meta WhatsApp Cloud API: message statuses inside {@code entry[].changes[].value.statuses[]}, and the GET
 * subscription handshake whose {@code hub.challenge} must be echoed. Correlated on the wamid and on
 * {@code biz_opaque_callback_data}, which we set to our message id when sending.
 */
final class MetaNormalizer implements Normalizer {

    /** Meta sends a number; anything beyond plain visible ASCII is refused rather than reflected. */
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{1,256}");

    private final WebhookSettings settings;

    MetaNormalizer(WebhookSettings settings) {
        this.settings = settings;
    }

    @Override
    public Provider provider() {
        return Provider.META;
    }

    @Override
    public Normalized normalize(Verification.Verified verified) {
        WebhookRequest request = verified.request();
        if (request.method().equals("GET")) {
            return request.queryParameter("hub.challenge")
                    .filter(challenge -> CHALLENGE.matcher(challenge).matches())
                    .<Normalized>map(Normalized.Challenge::new)
                    .orElseGet(() -> Results.malformed("hub.challenge is missing or not a plain token"));
        }
        try {
            Map<?, ?> root = Fields.object(Json.parse(request.body(), settings.jsonLimits()), "body");
            // A notification names its object; a body without one is no notification at all (400). Another
            // object type (an app's other subscriptions) is acknowledged so Meta does not retry it for ever.
            if (!"whatsapp_business_account".equals(Fields.string(root, "object", "body"))) {
                return new Normalized.Acknowledged("not a WhatsApp Business Account notification");
            }
            List<?> entries = Fields.list(root.get("entry"), "entry");
            List<MessageEvent> events = statuses(request, entries);
            if (events.isEmpty() && !entries.isEmpty()) {
                return new Normalized.Acknowledged("no message statuses (e.g. inbound messages)");
            }
            return Results.events(events, request, settings);
        } catch (JsonParseException e) {
            return Results.malformed("body is not JSON: " + e.getMessage());
        } catch (Malformed e) {
            return Results.malformed(e.getMessage());
        }
    }

    private static List<MessageEvent> statuses(WebhookRequest request, List<?> entries) {
        List<MessageEvent> out = new ArrayList<>();
        for (int e = 0; e < entries.size(); e++) {
            String entryAt = "entry[" + e + "]";
            List<?> changes = Fields.optList(Fields.object(entries.get(e), entryAt), "changes", entryAt);
            for (int c = 0; c < changes.size(); c++) {
                String changeAt = entryAt + ".changes[" + c + "]";
                Map<?, ?> value = optObject(Fields.object(changes.get(c), changeAt), "value");
                if (value == null) {
                    continue;
                }
                List<?> statuses = Fields.optList(value, "statuses", changeAt + ".value");
                for (int s = 0; s < statuses.size(); s++) {
                    String at = changeAt + ".value.statuses[" + s + "]";
                    out.add(status(request, Fields.object(statuses.get(s), at), at));
                }
            }
        }
        return out;
    }

    private static MessageEvent status(WebhookRequest request, Map<?, ?> status, String at) {
        String wamid = Fields.string(status, "id", at);
        String raw = Fields.string(status, "status", at);
        Map<?, ?> error = firstError(status, at);
        Map<?, ?> errorData = optObject(error, "error_data");
        String reason = optString(errorData, "details");
        reason = reason != null ? reason : optString(error, "message");
        return EventDraft.of(request, Provider.META, Channel.WHATSAPP)
                .ids(wamid + ":" + raw, wamid)
                .messageId(Fields.uuid(status.get("biz_opaque_callback_data")))
                .type(type(raw), raw)
                .occurredAt(Fields.epochSeconds(status.get("timestamp"), at + ".timestamp"))
                .recipient(optString(status, "recipient_id"))
                .failure(reason != null ? reason : optString(error, "title"), optString(error, "code"))
                .build();
    }

    private static Map<?, ?> firstError(Map<?, ?> status, String at) {
        List<?> errors = Fields.optList(status, "errors", at);
        return errors.isEmpty() ? Map.of() : Fields.object(errors.get(0), at + ".errors[0]");
    }

    static EventType type(String status) {
        return switch (status) {
            case "sent" -> EventType.SENT;
            case "delivered" -> EventType.DELIVERED;
            case "read" -> EventType.READ;
            case "failed" -> EventType.FAILED;
            default -> EventType.UNKNOWN;
        };
    }
}
