package io.funnelstream.engine.ingest;

import io.funnelstream.engine.normalize.Normalized;
import io.funnelstream.engine.webhook.Verification;
import java.util.Objects;

/** What became of one webhook request. */
public sealed interface WebhookOutcome {

    /** Not authentic (or not routable): answer with the reason's status and problem slug, record nothing. */
    record Denied(Verification.Rejected rejection) implements WebhookOutcome {
        public Denied {
            Objects.requireNonNull(rejection, "rejection");
        }
    }

    /** Authentic: {@code result} says whether there are events to record, a control answer, or a problem. */
    record Accepted(Normalized result) implements WebhookOutcome {
        public Accepted {
            Objects.requireNonNull(result, "result");
        }
    }
}
