package io.funnelstream.engine.normalize;

import static io.funnelstream.engine.normalize.Fields.optObject;
import static io.funnelstream.engine.normalize.Fields.optString;

import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.webhook.WebhookRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One SES event (event publishing's {@code eventType} or a notification's {@code notificationType}) as one
 * canonical event per recipient it concerns. Ids are the SNS MessageId plus the recipient, so SNS retries of the
 * same notification deduplicate.
 */
final class SesEvents {

    static final String MESSAGE_ID_TAG = "fs_message_id";

    private SesEvents() {}

    /** What every event of one SES message shares. */
    private record Common(WebhookRequest request, String snsMessageId, String providerMessageId,
            @Nullable UUID messageId, List<String> destination, Instant sentAt, String rawType) {

        EventDraft draft(@Nullable String recipient, EventType type, Instant occurredAt) {
            String eventId = recipient == null ? snsMessageId : snsMessageId + ":" + recipient;
            return EventDraft.of(request, Provider.SES, Channel.EMAIL)
                    .ids(eventId, providerMessageId)
                    .messageId(messageId)
                    .recipient(recipient)
                    .type(type, rawType)
                    .occurredAt(occurredAt);
        }

        /** Opens and clicks do not say which recipient acted: only a single destination is certain. */
        @Nullable String soleRecipient() {
            return destination.size() == 1 ? destination.get(0) : null;
        }
    }

    static List<MessageEvent> map(WebhookRequest request, String snsMessageId, Map<?, ?> event) {
        String raw = optString(event, "eventType");
        raw = raw != null ? raw : optString(event, "notificationType");
        if (raw == null) {
            throw new Malformed("Message has neither eventType nor notificationType");
        }
        Map<?, ?> mail = Fields.object(event.get("mail"), "Message.mail");
        List<String> destination = strings(Fields.optList(mail, "destination", "Message.mail"), "Message.mail.destination");
        Common c = new Common(request, snsMessageId, Fields.string(mail, "messageId", "Message.mail"),
                Fields.uuid(tag(mail)), destination, Fields.isoInstant(mail.get("timestamp"), "Message.mail.timestamp"),
                raw);
        return switch (raw) {
            case "Send" -> each(c, destination, EventType.SENT, c.sentAt(), null);
            case "Delivery" -> delivery(c, section(event, "delivery"));
            case "Bounce" -> bounce(c, section(event, "bounce"));
            case "Complaint" -> complaint(c, section(event, "complaint"));
            case "Open" -> List.of(c.draft(c.soleRecipient(), EventType.OPENED, at(c, section(event, "open"))).build());
            case "Click" -> click(c, section(event, "click"));
            case "Reject" -> each(c, destination, EventType.DROPPED, c.sentAt(),
                    optString(optObject(event, "reject"), "reason"));
            case "DeliveryDelay" -> delay(c, section(event, "deliveryDelay"));
            case "Rendering Failure" -> each(c, destination, EventType.FAILED, c.sentAt(),
                    optString(optObject(event, "failure"), "errorMessage"));
            default -> List.of(c.draft(null, EventType.UNKNOWN, c.sentAt()).build());
        };
    }

    private static List<MessageEvent> delivery(Common c, Map<?, ?> delivery) {
        List<String> recipients = strings(Fields.optList(delivery, "recipients", "Message.delivery"),
                "Message.delivery.recipients");
        return each(c, recipients, EventType.DELIVERED, at(c, delivery), null);
    }

    private static List<MessageEvent> bounce(Common c, Map<?, ?> bounce) {
        String bounceType = optString(bounce, "bounceType");
        BounceClass bounceClass = "Permanent".equals(bounceType) ? BounceClass.HARD : BounceClass.SOFT;
        String subType = optString(bounce, "bounceSubType");
        String general = subType == null ? bounceType : bounceType + "/" + subType;
        List<MessageEvent> out = new ArrayList<>();
        for (Map<?, ?> r : objects(bounce, "bouncedRecipients", "Message.bounce")) {
            String reason = optString(r, "diagnosticCode");
            out.add(c.draft(Fields.string(r, "emailAddress", "Message.bounce.bouncedRecipients[]"),
                            EventType.BOUNCED, at(c, bounce))
                    .bounce(bounceClass)
                    .failure(reason != null ? reason : general, optString(r, "status"))
                    .build());
        }
        return out;
    }

    private static List<MessageEvent> complaint(Common c, Map<?, ?> complaint) {
        String feedback = optString(complaint, "complaintFeedbackType");
        List<MessageEvent> out = new ArrayList<>();
        for (Map<?, ?> r : objects(complaint, "complainedRecipients", "Message.complaint")) {
            out.add(c.draft(Fields.string(r, "emailAddress", "Message.complaint.complainedRecipients[]"),
                            EventType.SPAM_REPORTED, at(c, complaint))
                    .failure(feedback, null)
                    .build());
        }
        return out;
    }

    private static List<MessageEvent> click(Common c, Map<?, ?> click) {
        return List.of(c.draft(c.soleRecipient(), EventType.CLICKED, at(c, click))
                .url(optString(click, "link"))
                .build());
    }

    private static List<MessageEvent> delay(Common c, Map<?, ?> delay) {
        String delayType = optString(delay, "delayType");
        List<MessageEvent> out = new ArrayList<>();
        for (Map<?, ?> r : objects(delay, "delayedRecipients", "Message.deliveryDelay")) {
            String reason = optString(r, "diagnosticCode");
            out.add(c.draft(Fields.string(r, "emailAddress", "Message.deliveryDelay.delayedRecipients[]"),
                            EventType.DEFERRED, at(c, delay))
                    .failure(reason != null ? reason : delayType, optString(r, "status"))
                    .build());
        }
        return out;
    }

    private static List<MessageEvent> each(
            Common c, List<String> recipients, EventType type, Instant occurredAt, @Nullable String reason) {
        List<MessageEvent> out = new ArrayList<>(recipients.size());
        for (String recipient : recipients) {
            out.add(c.draft(recipient, type, occurredAt).failure(reason, null).build());
        }
        return out;
    }

    private static Map<?, ?> section(Map<?, ?> event, String name) {
        return Fields.object(event.get(name), "Message." + name);
    }

    /** The section's own timestamp, else the send time. */
    private static Instant at(Common c, Map<?, ?> section) {
        Object timestamp = section.get("timestamp");
        return timestamp == null ? c.sentAt() : Fields.isoInstant(timestamp, "Message.*.timestamp");
    }

    private static @Nullable String tag(Map<?, ?> mail) {
        Map<?, ?> tags = optObject(mail, "tags");
        return tags != null && tags.get(MESSAGE_ID_TAG) instanceof List<?> values && !values.isEmpty()
                && values.get(0) instanceof String value ? value : null;
    }

    private static List<String> strings(List<?> values, String at) {
        List<String> out = new ArrayList<>(values.size());
        for (Object value : values) {
            if (!(value instanceof String s) || s.isBlank()) {
                throw new Malformed(at + " holds something other than addresses");
            }
            out.add(s);
        }
        return out;
    }

    private static List<Map<?, ?>> objects(Map<?, ?> section, String key, String at) {
        List<Map<?, ?>> out = new ArrayList<>();
        for (Object value : Fields.optList(section, key, at)) {
            out.add(Fields.object(value, at + "." + key + "[]"));
        }
        return out;
    }
}
