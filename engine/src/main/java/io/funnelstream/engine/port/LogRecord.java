package io.funnelstream.engine.port;

import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.TenantId;
import java.util.Objects;

/**
 * What the event log carries: one envelope for every kind of event. The tenant is the partition key, so one
 * tenant's records keep their order. New kinds (survey funnel events) join as new permitted records.
 */
public sealed interface LogRecord permits LogRecord.Message {

    /** The tenant the record belongs to; records of one tenant land on one partition. */
    TenantId tenant();

    static LogRecord of(MessageEvent event) {
        return new Message(event);
    }

    /** A provider event about a message. */
    record Message(MessageEvent event) implements LogRecord {

        public Message {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public TenantId tenant() {
            return event.tenant();
        }
    }
}
