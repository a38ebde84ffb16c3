package io.funnelstream.engine.normalize;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * SendGrid Event Webhook: a JSON array of events. Deduplicated on {@code sg_event_id}; correlated on
 * {@code sg_message_id} cut at its first dot (the send API's X-Message-Id has no suffix) and on the custom
 * argument {@code fs_message_id}.
 */
final class SendGridNormalizer implements Normalizer {

    static final String MESSAGE_ID_ARG = "fs_message_id";

    private final WebhookSettings settings;

    SendGridNormalizer(WebhookSettings settings) {
        this.settings = settings;
    }

    @Override
    public Provider provider() {
        return Provider.SENDGRID;
    }

    @Override
    public Normalized normalize(Verification.Verified verified) {
        WebhookRequest request = verified.request();
        try {
            if (!(Json.parse(request.body(), settings.jsonLimits()) instanceof List<?> batch)) {
                return Results.malformed("body is not a JSON array of events");
            }
            List<MessageEvent> events = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                String at = "[" + i + "]";
                events.add(event(request, Fields.object(batch.get(i), at), at));
            }
            return Results.events(events, request, settings);
        } catch (JsonParseException e) {
            return Results.malformed("body is not JSON: " + e.getMessage());
        } catch (Malformed e) {
            return Results.malformed(e.getMessage());
        }
    }

    private static MessageEvent event(WebhookRequest request, Map<?, ?> e, String at) {
        String raw = Fields.string(e, "event", at);
        EventDraft draft = EventDraft.of(request, Provider.SENDGRID, Channel.EMAIL)
                .ids(Fields.string(e, "sg_event_id", at), messageId(Fields.string(e, "sg_message_id", at)))
                .messageId(Fields.uuid(e.get(MESSAGE_ID_ARG)))
                .occurredAt(Fields.epochSeconds(e.get("timestamp"), at + ".timestamp"))
                .recipient(optString(e, "email"));
        return switch (raw) {
            case "processed" -> draft.type(EventType.SENT, raw).build();
            case "deferred" -> draft.type(EventType.DEFERRED, raw).failure(optString(e, "response"), null).build();
            case "delivered" -> draft.type(EventType.DELIVERED, raw).build();
            case "dropped" -> draft.type(EventType.DROPPED, raw)
                    .failure(optString(e, "reason"), optString(e, "status")).build();
            case "bounce" -> draft.type(EventType.BOUNCED, raw)
                    .bounce("blocked".equals(optString(e, "type")) ? BounceClass.SOFT : BounceClass.HARD)
                    .failure(optString(e, "reason"), optString(e, "status")).build();
            case "open" -> draft.type(EventType.OPENED, raw).machineOpen(isTrue(e.get("sg_machine_open"))).build();
            case "click" -> draft.type(EventType.CLICKED, raw).url(optString(e, "url")).build();
            case "spamreport" -> draft.type(EventType.SPAM_REPORTED, raw).build();
            case "unsubscribe", "group_unsubscribe" -> draft.type(EventType.UNSUBSCRIBED, raw).build();
            case "group_resubscribe" -> draft.type(EventType.RESUBSCRIBED, raw).build();
            default -> draft.type(EventType.UNKNOWN, raw).build();
        };
    }

    /** {@code sg_message_id} is the send API's X-Message-Id plus a dot and a routing suffix. */
    static String messageId(String sgMessageId) {
        int dot = sgMessageId.indexOf('.');
        String id = dot < 0 ? sgMessageId : sgMessageId.substring(0, dot);
        if (id.isEmpty()) {
            throw new Malformed("sg_message_id has no id before its first dot");
        }
        return id;
    }

    private static boolean isTrue(@Nullable Object value) {
        return Boolean.TRUE.equals(value) || "true".equals(value) || Long.valueOf(1).equals(value);
    }
}
