package io.funnelstream.engine.send;

import java.util.Objects;
import java.util.UUID;

/**
 * What a worker did with one claimed message.
 *
 * @param detail the provider's message id when sent, else the failure code, suppression reason or why it is held
 */
public record SendResult(UUID messageId, Kind kind, String detail) {

    public SendResult {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    /** The outcomes. */
    public enum Kind {
        SENT,
        /** Failed for now, due again later. */
        RETRY,
        FAILED,
        SUPPRESSED,
        /** Not sent now, due again later without using up an attempt: its experiment holds it. */
        HELD,
        /** Not stored (or not sent): the worker no longer held the message; another attempt will follow. */
        LEASE_LOST
    }
}
