package io.funnelstream.engine.normalize;

import io.funnelstream.engine.model.MessageEvent;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** What a verified webhook request amounts to. */
public sealed interface Normalized {

    /** Canonical events to record, never empty; unknown provider event types are kept as UNKNOWN. */
    record Events(List<MessageEvent> events) implements Normalized {
        public Events {
            events = List.copyOf(events);
            if (events.isEmpty()) {
                throw new IllegalArgumentException("no events");
            }
        }
    }

    /** The request is authentic but cannot be used; {@code detail} says where and why. */
    record Rejected(Problem problem, String detail) implements Normalized {
        public Rejected {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** A protocol message rather than events: answer it as its type says, record nothing. */
    sealed interface Control extends Normalized {}

    /** Meta's subscription handshake: answer 200 with exactly this body, as {@code text/plain}. */
    record Challenge(String body) implements Control {
        public Challenge {
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * An SNS subscription awaiting confirmation: GET {@code subscribeUrl} (already checked to be https on an SNS
     * host), then answer 200.
     */
    record ConfirmSubscription(URI subscribeUrl, String topicArn) implements Control {
        public ConfirmSubscription {
            Objects.requireNonNull(subscribeUrl, "subscribeUrl");
            Objects.requireNonNull(topicArn, "topicArn");
        }
    }

    /** Authentic, nothing to record (e.g. an SNS unsubscribe confirmation, an inbound message): answer 200. */
    record Acknowledged(String note) implements Control {
        public Acknowledged {
            Objects.requireNonNull(note, "note");
        }
    }

    /** Why an authentic request could not be used, with the HTTP status and problem slug to answer with. */
    enum Problem {
        /** Not the provider's format: bad JSON or form data, a required field missing or of the wrong type. */
        MALFORMED(400),
        /** A batch without a single event. */
        EMPTY_BATCH(400),
        /** An event dated further ahead of our clock than the allowed skew. */
        FUTURE_TIMESTAMP(422);

        private final int httpStatus;

        Problem(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }

        /** The stable slug of the problem type: {@code https://funnelstream.io/problems/<slug>}. */
        public String problemSlug() {
            return "webhook-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
