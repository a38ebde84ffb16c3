package io.funnelstream.engine.port;

/**
 * The event log cannot take records now (broker or database down, timeout, too many appends waiting).
 * Retryable: the caller answers 503 with Retry-After and the sender tries again later.
 */
public final class EventLogUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EventLogUnavailableException(String message) {
        super(message);
    }

    public EventLogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
