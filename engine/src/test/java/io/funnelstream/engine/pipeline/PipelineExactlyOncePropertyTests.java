package io.funnelstream.engine.pipeline;

import static io.funnelstream.engine.pipeline.TestRecords.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.MessageStore.PendingWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

/**
 * For random streams (events before their message, repeated records, unknown types, orphans), cut into random
 * batches, with windows randomly left behind by the live path (a crash between commit and store) or applied twice
 * (a crash between store and outbox), and a sweep at the end: the store holds exactly the recount of what Postgres
 * holds.
 */
class PipelineExactlyOncePropertyTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final EventType[] TYPES = EventType.values();

    @Test
    void shouldEqualTheRecountWhateverTheBatchesRepeatsAndCrashes() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            FakeMessageStore messages = new FakeMessageStore();
            FakeRollupStore store = new FakeRollupStore();
            RollupApplier applier = new RollupApplier(store, messages, PipelineSettings.defaults(), new PipelineStats(),
                    Clock.systemUTC(), Schedulers.immediate());
            applier.markChecked();
            BatchCommitter committer = new BatchCommitter(messages, "group");
            List<LogRecord> records = stream(random);

            long offset = 0;
            while (offset < records.size()) {
                int size = 1 + random.nextInt(12);
                List<LogRecord> part = records.subList((int) offset, (int) Math.min(records.size(), offset + size));
                LogBatch batch = TestRecords.batch(offset, part, new AtomicInteger());
                BatchOutcome.Committed c = (BatchOutcome.Committed) committer.commit(batch).block(TIMEOUT);
                live(applier, c.windows(), random);
                offset += part.size();
            }
            applier.sweepOnce().block(TIMEOUT);

            assertThat(messages.committed().outbox).isEmpty();
            assertThat(store.sum(TENANT)).isEqualTo(TestRecords.recount(messages, TENANT));
        });
    }

    /** The live path, crashing now and then: windows left to the sweep, or applied and left in the outbox. */
    private static void live(RollupApplier applier, List<PendingWindow> windows, Random random) {
        switch (random.nextInt(4)) {
            case 0 -> { }
            case 1 -> applier.applyCommitted(windows).block(TIMEOUT);
            default -> {
                applier.applyCommitted(windows).block(TIMEOUT);
                applier.applyCommitted(windows).block(TIMEOUT);
            }
        }
    }

    private static List<LogRecord> stream(Random random) {
        List<LogRecord> records = new ArrayList<>();
        Instant base = TestRecords.AT;
        for (int m = 0; m < 1 + random.nextInt(8); m++) {
            UUID id = UUID.randomUUID();
            String providerId = "pm-" + id;
            Instant queuedAt = base.plusSeconds(random.nextInt(7200));
            if (random.nextInt(6) > 0) {
                records.add(new LogRecord.MessageQueued(TENANT, id, Channel.EMAIL, Provider.SES, providerId, null,
                        null, null, queuedAt));
            }
            for (int e = 0; e < random.nextInt(6); e++) {
                EventType type = TYPES[random.nextInt(TYPES.length)];
                records.add(LogRecord.of(new MessageEvent(TENANT, Channel.EMAIL, Provider.SES,
                        "ev-" + UUID.randomUUID(), providerId, random.nextBoolean() ? id : null, type,
                        queuedAt.plusSeconds(random.nextInt(3600) - 600), queuedAt, null,
                        random.nextBoolean() ? BounceClass.SOFT : null, null, null, null, random.nextInt(5) == 0,
                        type.slug())));
            }
        }
        int repeats = records.size() / 3;
        for (int i = 0; i < repeats && !records.isEmpty(); i++) {
            records.add(records.get(random.nextInt(records.size())));
        }
        Collections.shuffle(records, random);
        return records;
    }
}
