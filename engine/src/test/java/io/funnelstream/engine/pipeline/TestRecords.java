package io.funnelstream.engine.pipeline;

import io.funnelstream.engine.lifecycle.MessageLifecycle;
import io.funnelstream.engine.lifecycle.MessageState;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogEntry;
import io.funnelstream.engine.port.LogPosition;
import io.funnelstream.engine.port.LogRange;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.StoredMessage;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupDeltas;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** Records, batches and the recount the tests compare with. */
final class TestRecords {

    static final TenantId TENANT = TenantId.of("3b8f2a10-6c4d-4e5f-9a1b-2c3d4e5f6a7b");
    static final Instant AT = Instant.parse("2026-11-02T09:00:00Z");

    private TestRecords() {}

    static LogRecord.MessageQueued queued(UUID id, String providerId) {
        return new LogRecord.MessageQueued(TENANT, id, Channel.EMAIL, Provider.SENDGRID, providerId, null, null,
                null, AT);
    }

    static LogRecord event(String id, String providerId, @Nullable UUID messageId, EventType type, int second) {
        return LogRecord.of(new MessageEvent(TENANT, Channel.EMAIL, Provider.SENDGRID, id, providerId, messageId,
                type, AT.plusSeconds(second), AT.plusSeconds(second), null, null, null, null, null, false,
                type.slug()));
    }

    /** A batch of partition 0 starting at {@code from}, consecutive offsets; counts its acknowledgements. */
    static LogBatch batch(long from, List<LogRecord> records, AtomicInteger acks) {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            entries.add(new LogEntry(new LogPosition(0, from + i), records.get(i)));
        }
        return new LogBatch(entries, List.of(new LogRange(0, from, from + records.size())),
                () -> Mono.fromRunnable(acks::incrementAndGet));
    }

    /** The tenant's rollups recounted from what the store holds: the truth the store must equal. */
    static RollupDelta recount(FakeMessageStore store, TenantId tenant) {
        RollupDelta.Builder delta = RollupDelta.builder();
        FakeMessageStore.State s = store.committed();
        for (StoredMessage m : s.messages.values()) {
            if (!m.state().tenant().equals(tenant)) {
                continue;
            }
            List<MessageEvent> applied = s.events.values().stream()
                    .filter(e -> e.applied() && m.id().equals(e.messageId()))
                    .map(FakeMessageStore.Stored::event)
                    .toList();
            MessageState initial = MessageState.initial(m.id(), tenant, m.state().channel(), m.state().provider(),
                    m.state().firstReachedAt(io.funnelstream.engine.model.Stage.QUEUED).orElseThrow());
            MessageState replayed = MessageLifecycle.replay(initial, applied);
            RollupDeltas.addFinalState(delta, m.dimensions(), replayed, applied);
        }
        return delta.build();
    }
}
