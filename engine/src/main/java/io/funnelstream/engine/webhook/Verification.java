package io.funnelstream.engine.webhook;

import java.util.Locale;
import java.util.Objects;

/** Whether a webhook request is authentic: the outcome of a {@link WebhookVerifier}. */
public sealed interface Verification {

    /** The request comes from the provider and may be normalised. */
    record Verified(WebhookRequest request) implements Verification {
        public Verified {
            Objects.requireNonNull(request, "request");
        }
    }

    /** The request is not trusted; {@code detail} says why, for logs and the problem response. */
    record Rejected(Reason reason, String detail) implements Verification {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Why a request was not trusted, with the HTTP status and problem slug the api answers with. */
    enum Reason {
        /** No webhook route exists for this provider. */
        UNSUPPORTED_PROVIDER(404),
        /** The provider never calls with this HTTP method. */
        UNSUPPORTED_METHOD(405),
        /** The tenant has not configured the secret this provider needs. */
        NOT_CONFIGURED(404),
        /** The request cannot even be read far enough to find what is signed. */
        MALFORMED_REQUEST(400),
        /** No signature, token or shared secret was presented. */
        MISSING_SIGNATURE(401),
        /** A signature, token or shared secret was presented and does not match. */
        BAD_SIGNATURE(403),
        /** The signed timestamp is older than the replay window. */
        STALE_TIMESTAMP(403),
        /** The signed timestamp is further in the future than the clock skew allowed. */
        FUTURE_TIMESTAMP(403),
        /** The signed token was already used, with a different body, inside the replay window. */
        REPLAYED(403),
        /** The signing certificate's location or the certificate itself is not trusted. */
        UNTRUSTED_CERTIFICATE(403),
        /** The SNS topic is not one the tenant allowed. */
        UNEXPECTED_TOPIC(403);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        /** The HTTP status to answer with. */
        public int httpStatus() {
            return httpStatus;
        }

        /** The stable slug of the problem type: {@code https://funnelstream.io/problems/<slug>}. */
        public String problemSlug() {
            return "webhook-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
