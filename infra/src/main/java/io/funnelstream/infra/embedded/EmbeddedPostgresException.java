package io.funnelstream.infra.embedded;

import org.jspecify.annotations.Nullable;

/** The embedded PostgreSQL could not start; the message says what happened, {@link #action()} what to do about it. */
public final class EmbeddedPostgresException extends IllegalStateException {

    private final String action;

    EmbeddedPostgresException(String message, String action, @Nullable Throwable cause) {
        super(message, cause);
        this.action = action;
    }

    /** What the operator can do to get past it. */
    public String action() {
        return action;
    }
}
