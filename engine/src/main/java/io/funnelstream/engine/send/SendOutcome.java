package io.funnelstream.engine.send;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What a provider answered to a send, after the client's own retries. */
public sealed interface SendOutcome permits SendOutcome.Accepted, SendOutcome.Failed {

    /**
     * The provider took the message.
     *
     * @param providerMessageId the provider's id of it, normalised as its webhooks will carry it
     */
    record Accepted(String providerMessageId) implements SendOutcome {
        public Accepted {
            Objects.requireNonNull(providerMessageId, "providerMessageId");
            if (providerMessageId.isBlank()) {
                throw new IllegalArgumentException("providerMessageId is blank");
            }
        }
    }

    /**
     * The provider did not take it.
     *
     * @param code the provider's error code, or the HTTP status, or a short name of the fault (timeout,
     *     circuit-open, malformed-response)
     * @param reason a readable explanation, free of credentials
     * @param retryable true when the same message may succeed later (429, 5xx, timeouts, an open circuit)
     * @param retryAfter how long the provider asked us to wait, when it said
     */
    record Failed(String code, String reason, boolean retryable, @Nullable Duration retryAfter)
            implements SendOutcome {
        public Failed {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
