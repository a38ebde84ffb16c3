package io.funnelstream.engine.normalize;

import static io.funnelstream.engine.normalize.Fields.optObject;
import static io.funnelstream.engine.normalize.Fields.optString;

import io.funnelstream.engine.json.Json;
import io.funnelstream.engine.json.JsonParseException;
import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.webhook.Verification;
import io.funnelstream.engine.webhook.WebhookRequest;
import io.funnelstream.engine.webhook.WebhookSettings;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Mailgun webhooks: one {@code event-data} per request. Deduplicated on {@code event-data.id}; correlated on
 * the Message-Id header (angle brackets stripped) and the user variable {@code fs_message_id}.
 */
final class MailgunNormalizer implements Normalizer {

    static final String MESSAGE_ID_VARIABLE = "fs_message_id";

    private final WebhookSettings settings;

    MailgunNormalizer(WebhookSettings settings) {
        this.settings = settings;
    }

    @Override
    public Provider provider() {
        return Provider.MAILGUN;
    }

    @Override
    public Normalized normalize(Verification.Verified verified) {
        WebhookRequest request = verified.request();
        try {
            Map<?, ?> root = Fields.object(Json.parse(request.body(), settings.jsonLimits()), "body");
            return Results.events(List.of(event(request, Fields.object(root.get("event-data"), "event-data"))),
                    request, settings);
        } catch (JsonParseException e) {
            return Results.malformed("body is not JSON: " + e.getMessage());
        } catch (Malformed e) {
            return Results.malformed(e.getMessage());
        }
    }

    private static MessageEvent event(WebhookRequest request, Map<?, ?> data) {
        String at = "event-data";
        String raw = Fields.string(data, "event", at);
        Map<?, ?> headers = Fields.object(Fields.object(data.get("message"), at + ".message").get("headers"),
                at + ".message.headers");
        EventDraft draft = EventDraft.of(request, Provider.MAILGUN, Channel.EMAIL)
                .ids(Fields.string(data, "id", at), stripAngles(Fields.string(headers, "message-id", at)))
                .messageId(Fields.uuid(optString(optObject(data, "user-variables"), MESSAGE_ID_VARIABLE)))
                .occurredAt(Fields.epochSeconds(data.get("timestamp"), at + ".timestamp"))
                .recipient(optString(data, "recipient"));
        return switch (raw) {
            case "accepted" -> draft.type(EventType.SENT, raw).build();
            case "delivered" -> draft.type(EventType.DELIVERED, raw).build();
            case "opened" -> draft.type(EventType.OPENED, raw).build();
            case "clicked" -> draft.type(EventType.CLICKED, raw).url(optString(data, "url")).build();
            case "failed" -> failed(draft, data, raw);
            case "rejected" -> draft.type(EventType.DROPPED, raw).failure(rejectReason(data), null).build();
            case "complained" -> draft.type(EventType.SPAM_REPORTED, raw).build();
            case "unsubscribed" -> draft.type(EventType.UNSUBSCRIBED, raw).build();
            default -> draft.type(EventType.UNKNOWN, raw).build();
        };
    }

    /**
     * Permanent failures are hard bounces, temporary ones soft; a permanent failure whose reason is a
     * {@code suppress-*} means Mailgun never tried (the address is on a suppression list): a drop.
     */
    private static MessageEvent failed(EventDraft draft, Map<?, ?> data, String raw) {
        String reason = optString(data, "reason");
        Map<?, ?> status = optObject(data, "delivery-status");
        String why = firstNonNull(optString(status, "message"), optString(status, "description"), reason);
        String code = optString(status, "code");
        boolean temporary = "temporary".equals(optString(data, "severity"));
        if (!temporary && reason != null && reason.startsWith("suppress-")) {
            return draft.type(EventType.DROPPED, raw).failure(why, code).build();
        }
        return draft.type(EventType.BOUNCED, raw)
                .bounce(temporary ? BounceClass.SOFT : BounceClass.HARD)
                .failure(why, code)
                .build();
    }

    private static @Nullable String rejectReason(Map<?, ?> data) {
        return optString(optObject(data, "reject"), "reason");
    }

    static String stripAngles(String messageId) {
        String id = messageId.trim();
        if (id.startsWith("<") && id.endsWith(">") && id.length() > 2) {
            return id.substring(1, id.length() - 1);
        }
        return id;
    }

    private static @Nullable String firstNonNull(@Nullable String a, @Nullable String b, @Nullable String c) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : c;
    }
}
