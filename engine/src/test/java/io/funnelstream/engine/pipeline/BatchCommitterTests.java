package io.funnelstream.engine.pipeline;

import static io.funnelstream.engine.pipeline.TestRecords.TENANT;
import static io.funnelstream.engine.pipeline.TestRecords.batch;
import static io.funnelstream.engine.pipeline.TestRecords.event;
import static io.funnelstream.engine.pipeline.TestRecords.queued;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.MessageStore.PendingWindow;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.WindowId;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class BatchCommitterTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final FakeMessageStore store = new FakeMessageStore();
    private final BatchCommitter committer = new BatchCommitter(store, "group");
    private final AtomicInteger acks = new AtomicInteger();

    @Test
    void shouldCommitOneWindowCoveringTheWholeBatchWithItsPositions() {
        UUID id = UUID.randomUUID();
        LogBatch batch = batch(10, List.of(
                event("e1", "pm-1", null, EventType.DELIVERED, 30),
                queued(id, "pm-1"),
                event("e2", "pm-1", id, EventType.OPENED, 90),
                event("e2", "pm-1", id, EventType.OPENED, 90),
                event("e3", "pm-other", null, EventType.SENT, 10)), acks);

        BatchOutcome outcome = committer.commit(batch).block(TIMEOUT);

        assertThat(outcome).isInstanceOfSatisfying(BatchOutcome.Committed.class, c -> {
            assertThat(c.windows()).extracting(PendingWindow::window).containsExactly(new WindowId("events-0", 10, 14));
            assertThat(c.counts()).isEqualTo(new BatchCounts(5, 2, 1, 1, 0, 1, 0, 0));
            assertThat(c.windows().getFirst().delta()).isEqualTo(TestRecords.recount(store, TENANT));
        });
        assertThat(store.committed().positions).containsEntry("group/0", 15L);
        assertThat(store.committed().messages.get(id).state().status()).isEqualTo(Stage.OPENED);
    }

    @Test
    void shouldApplyAnEventThatCameBeforeItsMessageWhenTheMessageComesInALaterBatch() {
        UUID id = UUID.randomUUID();
        commit(batch(0, List.of(event("e1", "pm-1", null, EventType.DELIVERED, 30),
                event("e2", "pm-1", id, EventType.CLICKED, 60)), acks));
        assertThat(store.committed().events.values()).noneMatch(FakeMessageStore.Stored::applied);

        BatchOutcome.Committed second = (BatchOutcome.Committed) commit(batch(2, List.of(queued(id, "pm-1")), acks));

        assertThat(second.counts().claimedEvents()).isEqualTo(2);
        assertThat(store.committed().messages.get(id).state().status()).isEqualTo(Stage.CLICKED);
        RollupDelta applied = RollupDelta.empty();
        for (PendingWindow w : store.committed().outbox.values()) {
            applied = applied.plus(w.delta());
        }
        assertThat(applied).isEqualTo(TestRecords.recount(store, TENANT));
    }

    @Test
    void shouldCountAnEventOnceWhenItComesAgainInALaterBatch() {
        UUID id = UUID.randomUUID();
        commit(batch(0, List.of(queued(id, "pm-1"), event("e1", "pm-1", id, EventType.OPENED, 30)), acks));

        BatchOutcome.Committed again = (BatchOutcome.Committed) commit(batch(2, List.of(
                queued(id, "pm-1"), event("e1", "pm-1", id, EventType.OPENED, 30)), acks));

        assertThat(again.windows()).as("nothing to add").isEmpty();
        assertThat(again.counts().duplicateEvents()).isEqualTo(1);
        assertThat(again.counts().duplicateMessages()).isEqualTo(1);
        assertThat(store.committed().messages.get(id).state().opens()).isEqualTo(1);
        assertThat(store.committed().positions).containsEntry("group/0", 4L);
    }

    @Test
    void shouldKeepAPoisonRecordAsideAndCommitTheRestOfItsBatch() {
        UUID good = UUID.randomUUID();
        LogRecord poison = new LogRecord.MessageQueued(TENANT, UUID.randomUUID(), Channel.EMAIL, Provider.SENDGRID,
                "pm-bad", FakeMessageStore.BAD_DISTRIBUTION, null, null, TestRecords.AT);
        LogBatch batch = batch(20, List.of(queued(good, "pm-1"), poison, event("e1", "pm-1", good, EventType.SENT, 5)),
                acks);

        BatchOutcome outcome = committer.commit(batch).block(TIMEOUT);

        assertThat(outcome).isInstanceOfSatisfying(BatchOutcome.Committed.class, c -> {
            assertThat(c.counts().deadLettered()).isEqualTo(1);
            assertThat(c.counts().records()).isEqualTo(3);
            assertThat(c.windows()).extracting(PendingWindow::window)
                    .containsExactly(new WindowId("events-0", 20, 20), new WindowId("events-0", 22, 22));
        });
        assertThat(store.committed().deadLetters).extracting(e -> e.record()).containsExactly(poison);
        assertThat(store.committed().messages).containsOnlyKeys(good);
        assertThat(store.committed().positions).containsEntry("group/0", 23L);
    }

    @Test
    void shouldKeepAnUnreadableRecordAsideWithoutTryingIt() {
        LogRecord unreadable = new LogRecord.Unreadable(TENANT, "survey.v9", new byte[] {1}, "unknown kind");
        BatchOutcome outcome = commit(batch(0, List.of(unreadable, queued(UUID.randomUUID(), "pm-1")), acks));

        assertThat(((BatchOutcome.Committed) outcome).counts().deadLettered()).isEqualTo(1);
        assertThat(store.committed().deadLetters).hasSize(1);
        assertThat(store.committed().messages).hasSize(1);
    }

    @Test
    void shouldRollBackABatchAnotherConsumerWentPast() {
        commit(batch(0, List.of(queued(UUID.randomUUID(), "pm-1"), queued(UUID.randomUUID(), "pm-2")), acks));

        BatchOutcome outcome = commit(batch(1, List.of(queued(UUID.randomUUID(), "pm-3")), acks));

        assertThat(outcome).isInstanceOf(BatchOutcome.Fenced.class);
        assertThat(store.committed().messages).hasSize(2);
        assertThat(store.committed().positions).containsEntry("group/0", 2L);
    }

    private BatchOutcome commit(LogBatch batch) {
        BatchOutcome[] out = new BatchOutcome[1];
        committer.commit(batch).as(StepVerifier::create)
                .consumeNextWith(o -> out[0] = o)
                .expectComplete()
                .verify(TIMEOUT);
        return out[0];
    }
}
