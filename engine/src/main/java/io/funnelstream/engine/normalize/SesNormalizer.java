package io.funnelstream.engine.normalize;

import io.funnelstream.engine.json.Json;
import io.funnelstream.engine.json.JsonParseException;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.webhook.SnsEndpoints;
import io.funnelstream.engine.webhook.Verification;
import io.funnelstream.engine.webhook.WebhookRequest;
import io.funnelstream.engine.webhook.WebhookSettings;
import java.util.Map;

/**
 * Amazon SES events delivered by SNS: a Notification carries one SES event (as JSON text in {@code Message});
 * subscription and unsubscribe confirmations become control answers.
 */
final class SesNormalizer implements Normalizer {

    private final WebhookSettings settings;

    SesNormalizer(WebhookSettings settings) {
        this.settings = settings;
    }

    @Override
    public Provider provider() {
        return Provider.SES;
    }

    @Override
    public Normalized normalize(Verification.Verified verified) {
        WebhookRequest request = verified.request();
        try {
            Map<?, ?> envelope = Fields.object(Json.parse(request.body(), settings.jsonLimits()), "body");
            String topicArn = Fields.string(envelope, "TopicArn", "body");
            return switch (Fields.string(envelope, "Type", "body")) {
                case "Notification" -> notification(request, envelope);
                case "SubscriptionConfirmation" -> SnsEndpoints.trusted(Fields.string(envelope, "SubscribeURL", "body"))
                        .<Normalized>map(url -> new Normalized.ConfirmSubscription(url, topicArn))
                        .orElseGet(() -> Results.malformed("SubscribeURL is not https on an SNS host"));
                case "UnsubscribeConfirmation" -> new Normalized.Acknowledged("unsubscribed from " + topicArn);
                default -> Results.malformed("body.Type is not an SNS message type");
            };
        } catch (JsonParseException e) {
            return Results.malformed("body is not JSON: " + e.getMessage());
        } catch (Malformed e) {
            return Results.malformed(e.getMessage());
        }
    }

    private Normalized notification(WebhookRequest request, Map<?, ?> envelope) {
        String snsMessageId = Fields.string(envelope, "MessageId", "body");
        Object event;
        try {
            event = Json.parse(Fields.string(envelope, "Message", "body"), settings.jsonLimits());
        } catch (JsonParseException e) {
            return Results.malformed("body.Message is not JSON: " + e.getMessage());
        }
        return Results.events(SesEvents.map(request, snsMessageId, Fields.object(event, "Message")), request,
                settings);
    }
}
