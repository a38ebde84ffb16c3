package io.funnelstream.engine.normalize;

import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.normalize.Normalized.Problem;
import io.funnelstream.engine.webhook.WebhookRequest;
import io.funnelstream.engine.webhook.WebhookSettings;
import java.time.Instant;
import java.util.List;

/** The checks every batch of events passes before it is handed out. */
final class Results {

    private Results() {}

    static Normalized events(List<MessageEvent> events, WebhookRequest request, WebhookSettings settings) {
        if (events.isEmpty()) {
            return new Normalized.Rejected(Problem.EMPTY_BATCH, "the request carries no events");
        }
        Instant latest = request.receivedAt().plus(settings.maxFutureSkew());
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).occurredAt().isAfter(latest)) {
                return new Normalized.Rejected(Problem.FUTURE_TIMESTAMP, "event " + i + " occurred at "
                        + events.get(i).occurredAt() + ", after " + latest);
            }
        }
        return new Normalized.Events(events);
    }

    static Normalized malformed(String detail) {
        return new Normalized.Rejected(Problem.MALFORMED, detail);
    }
}
