package io.funnelstream.engine.send;

import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.port.LogRecord;
import java.time.Instant;
import java.util.List;

/**
 * What the event log learns of a finished send: the message queued (with the provider's id when it accepted, so
 * that webhooks naming only that id find it, and with the experiment variant it went out under, so that its events
 * count in the variant's rollups) and one event of our own, sent or failed. Our events' ids derive
 * from the message id, so recording a send again changes nothing: the pipeline creates a message once and
 * stores an event once.
 */
public final class SendRecords {

    /** The provider event id of our "sent" event of a message: {@code funnelstream:sent:<message id>}. */
    public static final String SENT_PREFIX = "funnelstream:sent:";
    /** The provider event id of our "failed" event of a message: {@code funnelstream:failed:<message id>}. */
    public static final String FAILED_PREFIX = "funnelstream:failed:";

    private SendRecords() {}

    /** The records of one send; none for a send that never had a provider (nothing to count it under). */
    public static List<LogRecord> of(FinishedSend send) {
        Provider provider = send.provider();
        if (provider == null) {
            return List.of();
        }
        Instant at = send.finishedAt();
        Instant queuedAt = send.queuedAt().isAfter(at) ? at : send.queuedAt();
        LogRecord.MessageQueued queued = new LogRecord.MessageQueued(send.tenant(), send.messageId(), send.channel(),
                provider, send.providerMessageId(), send.distributionId(), send.surveyId(), send.recipientId(),
                queuedAt, send.arm());
        MessageEvent event = send.accepted()
                ? new MessageEvent(send.tenant(), send.channel(), provider, SENT_PREFIX + send.messageId(),
                        send.providerMessageId(), send.messageId(), EventType.SENT, at, at, null, null, null, null,
                        null, false, "funnelstream.sent")
                : new MessageEvent(send.tenant(), send.channel(), provider, FAILED_PREFIX + send.messageId(),
                        send.messageId().toString(), send.messageId(), EventType.FAILED, at, at, null, null,
                        send.reason(), send.errorCode(), null, false, "funnelstream.failed");
        return List.of(queued, LogRecord.of(event));
    }
}
