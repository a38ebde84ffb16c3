package io.funnelstream.engine.port;

/**
 * A store cannot do the work now (connection lost, timeout, server restarting, transaction conflict). Retryable:
 * nothing was committed, and the same work may be tried again later. Adapters sort their failures so that only
 * these are retried as they are; any other failure of a batch is taken as a sign that a record in it is bad.
 */
public final class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
