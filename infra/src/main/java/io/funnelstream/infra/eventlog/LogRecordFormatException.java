package io.funnelstream.infra.eventlog;

/** A record in the log that this version cannot read: an unknown kind or a damaged payload. Not retryable. */
public final class LogRecordFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LogRecordFormatException(String message) {
        super(message);
    }

    public LogRecordFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
