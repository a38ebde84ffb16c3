package io.funnelstream.engine.normalize;

import io.funnelstream.engine.form.FormData;
import io.funnelstream.engine.form.FormParseException;
import io.funnelstream.engine.json.Json;
import io.funnelstream.engine.json.JsonParseException;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.webhook.Verification;
import io.funnelstream.engine.webhook.WebhookRequest;
import io.funnelstream.engine.webhook.WebhookSettings;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Twilio message status callbacks for SMS and WhatsApp. They carry no event id and no event time: the id is
 * {@code MessageSid:MessageStatus:ErrorCode} and the time is when we received the callback.
 */
final class TwilioNormalizer implements Normalizer {

    private static final String WHATSAPP_PREFIX = "whatsapp:";

    private final WebhookSettings settings;

    TwilioNormalizer(WebhookSettings settings) {
        this.settings = settings;
    }

    @Override
    public Provider provider() {
        return Provider.TWILIO;
    }

    @Override
    public Normalized normalize(Verification.Verified verified) {
        WebhookRequest request = verified.request();
        try {
            return Results.events(List.of(event(request, parameters(request))), request, settings);
        } catch (FormParseException | JsonParseException e) {
            return Results.malformed("body cannot be decoded: " + e.getMessage());
        } catch (Malformed e) {
            return Results.malformed(e.getMessage());
        }
    }

    /** Form fields, or the members of a flat JSON object when the body is JSON (signed via bodySHA256). */
    private Function<String, Optional<String>> parameters(WebhookRequest request)
            throws FormParseException, JsonParseException {
        if (request.mediaType().endsWith("json") || request.queryParameter("bodySHA256").isPresent()) {
            Map<?, ?> json = Fields.object(Json.parse(request.body(), settings.jsonLimits()), "body");
            return name -> Optional.ofNullable(Fields.optString(json, name));
        }
        FormData form = FormData.parse(request.body());
        return name -> form.first(name).filter(value -> !value.isEmpty());
    }

    private static io.funnelstream.engine.model.MessageEvent event(
            WebhookRequest request, Function<String, Optional<String>> p) {
        String sid = p.apply("MessageSid").or(() -> p.apply("SmsSid"))
                .orElseThrow(() -> new Malformed("MessageSid is missing"));
        String status = p.apply("MessageStatus").or(() -> p.apply("SmsStatus"))
                .orElseThrow(() -> new Malformed("MessageStatus is missing"));
        String errorCode = p.apply("ErrorCode").orElse(null);
        String to = p.apply("To").orElse(null);
        boolean whatsapp = p.apply("ChannelPrefix").map(prefix -> prefix.equalsIgnoreCase("whatsapp")).orElse(false)
                || (to != null && to.startsWith(WHATSAPP_PREFIX));
        return EventDraft.of(request, Provider.TWILIO, whatsapp ? Channel.WHATSAPP : Channel.SMS)
                .ids(sid + ":" + status + ":" + (errorCode == null ? "" : errorCode), sid)
                .type(type(status), status)
                .recipient(to != null && to.startsWith(WHATSAPP_PREFIX) ? to.substring(WHATSAPP_PREFIX.length()) : to)
                .failure(p.apply("ErrorMessage").orElse(null), errorCode)
                .build();
    }

    static EventType type(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "accepted", "scheduled", "queued", "sending" -> EventType.QUEUED;
            case "sent" -> EventType.SENT;
            case "delivered" -> EventType.DELIVERED;
            case "read" -> EventType.READ;
            case "undelivered" -> EventType.UNDELIVERED;
            case "failed" -> EventType.FAILED;
            case "canceled" -> EventType.DROPPED;
            default -> EventType.UNKNOWN;
        };
    }
}
