package io.funnelstream.engine.normalize;

import static io.funnelstream.engine.normalize.Fields.optObject;
import static io.funnelstream.engine.normalize.Fields.optString;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.webhook.WebhookRequest;
import io.funnelstream.engine.webhook.WebhookSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Unifonic Conversation API events ({@code eventId}, {@code messageId}, {@code eventType},
 * {@code recipient.channel}, {@code timestamp}), one per request or an array of them. Inbound messages
 * ({@code message.received}) are acknowledged, not recorded.
 */
final class UnifonicConversation {

    private static final String INBOUND = "message.received";

    private UnifonicConversation() {}

    static Normalized normalize(WebhookRequest request, @Nullable Object body, WebhookSettings settings) {
        List<?> items = body instanceof List<?> list ? list : List.of(Fields.object(body, "body"));
        List<MessageEvent> events = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String at = body instanceof List<?> ? "[" + i + "]" : "body";
            Map<?, ?> item = Fields.object(items.get(i), at);
            if (!INBOUND.equals(item.get("eventType"))) {
                events.add(event(request, item, at));
            }
        }
        if (events.isEmpty() && !items.isEmpty()) {
            return new Normalized.Acknowledged("inbound messages only");
        }
        return Results.events(events, request, settings);
    }

    private static MessageEvent event(WebhookRequest request, Map<?, ?> item, String at) {
        String raw = Fields.string(item, "eventType", at);
        Map<?, ?> recipient = Fields.object(item.get("recipient"), at + ".recipient");
        Map<?, ?> error = optObject(item, "error");
        String reason = optString(item, "reason");
        String errorCode = optString(error, "code");
        return EventDraft.of(request, Provider.UNIFONIC, channel(recipient, at))
                .ids(Fields.string(item, "eventId", at), Fields.string(item, "messageId", at))
                .type(type(raw), raw)
                .occurredAt(Fields.isoInstant(item.get("timestamp"), at + ".timestamp"))
                .recipient(optString(recipient, "contact"))
                .failure(reason != null ? reason : optString(error, "message"),
                        errorCode != null ? errorCode : optString(item, "errorCode"))
                .build();
    }

    private static Channel channel(Map<?, ?> recipient, String at) {
        return switch (Fields.string(recipient, "channel", at + ".recipient")) {
            case "whatsapp" -> Channel.WHATSAPP;
            case "sms" -> Channel.SMS;
            default -> throw new Malformed(at + ".recipient.channel is neither sms nor whatsapp");
        };
    }

    static EventType type(String eventType) {
        return switch (eventType) {
            case "message.queued" -> EventType.QUEUED;
            case "message.sent_successfully_to_provider", "message.sent" -> EventType.SENT;
            case "message.delivered" -> EventType.DELIVERED;
            case "message.read" -> EventType.READ;
            case "message.failed", "message.rejected" -> EventType.FAILED;
            default -> EventType.UNKNOWN;
        };
    }
}
