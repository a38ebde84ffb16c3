package io.funnelstream.infra.provider.send;

import io.funnelstream.engine.send.SendOutcome;

/**
 * A retryable answer travelling as an error, so that the circuit breaker counts it and the retry sees it; it
 * leaves the client as its {@link SendOutcome.Failed} again. Carries no stack trace.
 */
final class RetryableFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SendOutcome.Failed outcome;

    RetryableFailure(SendOutcome.Failed outcome) {
        super(outcome.code() + ": " + outcome.reason(), null, false, false);
        this.outcome = outcome;
    }

    SendOutcome.Failed outcome() {
        return outcome;
    }
}
