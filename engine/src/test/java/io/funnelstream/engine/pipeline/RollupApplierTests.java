package io.funnelstream.engine.pipeline;

import static io.funnelstream.engine.pipeline.TestRecords.TENANT;
import static io.funnelstream.engine.pipeline.TestRecords.batch;
import static io.funnelstream.engine.pipeline.TestRecords.event;
import static io.funnelstream.engine.pipeline.TestRecords.queued;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.port.MessageStore.PendingWindow;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Fail open and catch up, in virtual time: the sweep's interval and backoff are the only clocks here. */
class RollupApplierTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final FakeMessageStore outbox = new FakeMessageStore();
    private final FakeRollupStore store = new FakeRollupStore();
    private final PipelineSettings settings = PipelineSettings.defaults()
            .withSweep(Duration.ofSeconds(1), Duration.ZERO)
            .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8));
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final PipelineStats stats = new PipelineStats();
    private final RollupApplier applier = new RollupApplier(store, outbox, settings, stats, Clock.systemUTC(), time);

    @Test
    void shouldApplyNothingBeforeTheStartUpCheck() {
        List<PendingWindow> windows = commit(0);

        StepVerifier.create(applier.applyCommitted(windows)).expectComplete().verify(TIMEOUT);

        assertThat(store.calls()).isZero();
        assertThat(applier.isCurrentNow(TENANT)).isFalse();
        assertThat(outbox.committed().outbox).hasSize(1);
    }

    @Test
    void shouldLeaveWindowsInTheOutboxWhileTheStoreFailsAndCatchUpWithBackoffWhenItIsBack() {
        StepVerifier.create(applier.drain()).expectNext(0L).expectComplete().verify(TIMEOUT);
        applier.markChecked();
        store.failing(true);

        StepVerifier.create(applier.applyCommitted(commit(0))).expectComplete().verify(TIMEOUT);
        assertThat(applier.isCurrentNow(TENANT)).isFalse();
        StepVerifier.create(applier.applyCommitted(commit(2))).expectComplete().verify(TIMEOUT);
        assertThat(store.calls()).as("the second batch does not wait for a failing store").isEqualTo(1);

        Disposable sweeping = applier.sweeps().subscribe();
        try {
            time.advanceTimeBy(Duration.ofSeconds(1 + 2 + 4));
            int failedSweeps = (store.calls() - 1) / 2;
            assertThat(failedSweeps).as("sweeps backing off: at 0 s, 1 s, 3 s and 7 s").isEqualTo(4);

            store.failing(false);
            time.advanceTimeBy(Duration.ofSeconds(8));

            assertThat(outbox.committed().outbox).isEmpty();
            assertThat(applier.isCurrentNow(TENANT)).isTrue();
            assertThat(store.sum(TENANT)).isEqualTo(TestRecords.recount(outbox, TENANT));
            assertThat(stats.windowsDeferred()).isEqualTo(2);
        } finally {
            sweeping.dispose();
        }
    }

    @Test
    void shouldKeepRefusedWindowsUntilTheRebuildEndsAndReportTheTenantNotCurrent() {
        applier.markChecked();
        StepVerifier.create(store.beginRebuild(TENANT)).expectComplete().verify(TIMEOUT);

        StepVerifier.create(applier.applyCommitted(commit(0))).expectComplete().verify(TIMEOUT);

        assertThat(applier.isCurrentNow(TENANT)).isFalse();
        assertThat(applier.storeHealthy()).as("a refusal is no failure").isTrue();
        assertThat(outbox.committed().outbox).hasSize(1);

        StepVerifier.create(store.replaceAll(TENANT, io.funnelstream.engine.rollup.RollupDelta.empty(),
                java.util.Map.of())).expectComplete().verify(TIMEOUT);
        StepVerifier.create(applier.sweepOnce()).expectNext(1L).expectComplete().verify(TIMEOUT);

        assertThat(applier.isCurrentNow(TENANT)).isTrue();
        assertThat(outbox.committed().outbox).isEmpty();
    }

    private List<PendingWindow> commit(long from) {
        UUID id = UUID.randomUUID();
        BatchOutcome.Committed c = (BatchOutcome.Committed) new BatchCommitter(outbox, "group")
                .commit(batch(from, List.of(queued(id, "pm-" + id), event("e-" + id, "pm-" + id, id,
                        EventType.DELIVERED, 5)), new AtomicInteger()))
                .block(TIMEOUT);
        return c.windows();
    }
}
