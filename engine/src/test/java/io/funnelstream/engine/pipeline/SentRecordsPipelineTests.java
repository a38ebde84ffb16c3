package io.funnelstream.engine.pipeline;

import static io.funnelstream.engine.pipeline.TestRecords.AT;
import static io.funnelstream.engine.pipeline.TestRecords.TENANT;
import static io.funnelstream.engine.pipeline.TestRecords.batch;
import static io.funnelstream.engine.pipeline.TestRecords.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.MessageStore.PendingWindow;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.send.FinishedSend;
import io.funnelstream.engine.send.SendRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the sending worker records goes through the pipeline exactly once: the provider's id becomes the
 * message's, so a webhook that named only that id (and came first) is applied; recording again changes nothing.
 */
class SentRecordsPipelineTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final FakeMessageStore store = new FakeMessageStore();
    private final BatchCommitter committer = new BatchCommitter(store, "group");
    private final AtomicInteger acks = new AtomicInteger();

    @Test
    void shouldCorrelateAWebhookThatNamedOnlyTheProvidersIdAndCountARecordedSendOnce() {
        UUID id = UUID.randomUUID();
        committer.commit(batch(0, List.of(event("sg-ev-1", "sg-1", null, EventType.DELIVERED, 30)), acks))
                .block(TIMEOUT);
        List<LogRecord> sent = SendRecords.of(new FinishedSend(id, TENANT, UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), Channel.EMAIL, Provider.SENDGRID, "sg-1", null, null, AT, AT.plusSeconds(2)));

        BatchOutcome.Committed first = (BatchOutcome.Committed) committer.commit(batch(1, sent, acks)).block(TIMEOUT);
        List<LogRecord> twice = new ArrayList<>(sent);
        twice.addAll(sent);
        BatchOutcome.Committed again = (BatchOutcome.Committed) committer.commit(batch(3, twice, acks))
                .block(TIMEOUT);

        assertThat(first.counts().claimedEvents()).as("the early delivery report").isEqualTo(1);
        var message = store.committed().messages.get(id);
        assertThat(message.providerMessageId()).isEqualTo("sg-1");
        assertThat(message.state().status()).isEqualTo(Stage.DELIVERED);
        assertThat(message.state().firstReachedAt(Stage.SENT)).contains(AT.plusSeconds(2));
        assertThat(again.windows()).as("recorded again: nothing to add").isEmpty();
        RollupDelta applied = RollupDelta.empty();
        for (PendingWindow w : store.committed().outbox.values()) {
            applied = applied.plus(w.delta());
        }
        assertThat(applied).isEqualTo(TestRecords.recount(store, TENANT));
    }

    @Test
    void shouldCountAFailedSendAsFailedWithItsReason() {
        UUID id = UUID.randomUUID();
        List<LogRecord> failed = SendRecords.of(new FinishedSend(id, TENANT, UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), Channel.EMAIL, Provider.SENDGRID, null, "400", "invalid address", AT,
                AT.plusSeconds(1)));

        committer.commit(batch(0, failed, acks)).block(TIMEOUT);

        var message = store.committed().messages.get(id);
        assertThat(message.state().status()).isEqualTo(Stage.FAILED);
        assertThat(message.state().failure()).isNotNull();
        assertThat(message.state().failure().reason()).isEqualTo("invalid address");
    }
}
