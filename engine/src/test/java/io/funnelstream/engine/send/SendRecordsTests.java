package io.funnelstream.engine.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogRecord;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SendRecordsTests {

    static final Instant QUEUED = Instant.parse("2026-11-20T10:00:00Z");
    static final Instant DONE = QUEUED.plusSeconds(5);
    final UUID id = UUID.randomUUID();
    final TenantId tenant = new TenantId(UUID.randomUUID());
    final UUID distribution = UUID.randomUUID();

    @Test
    void shouldQueueAnAcceptedMessageWithTheProvidersIdAndMarkItSent() {
        FinishedSend finished = send(Provider.TWILIO, "SM123", null, QUEUED);
        var records = SendRecords.of(finished);

        var queued = (LogRecord.MessageQueued) records.get(0);
        assertThat(queued.messageId()).isEqualTo(id);
        assertThat(queued.providerMessageId()).as("webhooks naming only the SID find it").isEqualTo("SM123");
        assertThat(queued.queuedAt()).isEqualTo(QUEUED);
        MessageEvent sent = ((LogRecord.Message) records.get(1)).event();
        assertThat(sent.type()).isEqualTo(EventType.SENT);
        assertThat(sent.messageId()).isEqualTo(id);
        assertThat(sent.providerEventId()).isEqualTo("funnelstream:sent:" + id);
        assertThat(sent.occurredAt()).isEqualTo(DONE);
        assertThat(SendRecords.of(finished)).as("the same records again, so the pipeline dedupes them")
                .isEqualTo(records);
    }

    @Test
    void shouldRecordAFailureWithItsReasonAndNothingWithoutAProvider() {
        var records = SendRecords.of(send(Provider.TWILIO, null, "21211", DONE.plusSeconds(1)));

        assertThat(((LogRecord.MessageQueued) records.get(0)).queuedAt()).as("never after the failure")
                .isEqualTo(DONE);
        MessageEvent failed = ((LogRecord.Message) records.get(1)).event();
        assertThat(failed.type()).isEqualTo(EventType.FAILED);
        assertThat(failed.errorCode()).isEqualTo("21211");
        assertThat(failed.reason()).isEqualTo("invalid number");
        assertThat(SendRecords.of(send(null, null, "provider-not-chosen", QUEUED))).isEmpty();
    }

    private FinishedSend send(Provider provider, String providerMessageId, String code, Instant queuedAt) {
        return new FinishedSend(id, tenant, distribution, UUID.randomUUID(), UUID.randomUUID(), Channel.SMS,
                provider, providerMessageId, code, code == null ? null : "invalid number", queuedAt, DONE);
    }
}
