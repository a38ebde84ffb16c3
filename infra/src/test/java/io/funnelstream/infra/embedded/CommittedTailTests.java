package io.funnelstream.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogEntry;
import io.funnelstream.engine.port.LogPosition;
import io.funnelstream.engine.port.LogRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CommittedTailTests {

    private static final TenantId TENANT = TenantId.random();

    @Test
    void shouldHandOutEntriesFromExactlyThePositionAskedForUpToTheLimit() {
        CommittedTail tail = new CommittedTail(100);
        tail.add(entries(10, 20));

        assertThat(offsets(tail.from(10, 100))).containsExactly(LongStream.range(10, 20).boxed().toArray(Long[]::new));
        assertThat(offsets(tail.from(14, 3))).containsExactly(14L, 15L, 16L);
        assertThat(offsets(tail.from(19, 5))).containsExactly(19L);
        assertThat(tail.from(20, 5)).isEmpty();
        assertThat(tail.from(9, 5)).as("a position before what it holds").isEmpty();
    }

    @Test
    void shouldNeverHandOutEntriesAcrossAGap() {
        CommittedTail tail = new CommittedTail(100);
        // 13 is missing: another process's record, or a value an aborted write drew.
        tail.add(List.of(entry(10), entry(11), entry(12), entry(14), entry(15)));

        assertThat(offsets(tail.from(11, 10))).containsExactly(11L, 12L);
        assertThat(tail.from(13, 10)).isEmpty();
        assertThat(offsets(tail.from(14, 10))).containsExactly(14L, 15L);
    }

    @Test
    void shouldFindEachWriteOfSeveralWhateverTheOrderTheyCompleted() {
        CommittedTail tail = new CommittedTail(100);
        tail.add(entries(5, 8));
        tail.add(entries(1, 5));

        assertThat(offsets(tail.from(1, 10))).containsExactly(1L, 2L, 3L, 4L);
        assertThat(offsets(tail.from(5, 10))).containsExactly(5L, 6L, 7L);
    }

    @Test
    void shouldDropTheOldestWritesBeyondItsCapacity() {
        CommittedTail tail = new CommittedTail(10);
        tail.add(entries(0, 6));
        tail.add(entries(6, 12));
        tail.add(entries(12, 14));

        assertThat(tail.from(0, 10)).isEmpty();
        assertThat(offsets(tail.from(6, 10))).hasSize(6);
        assertThat(offsets(tail.from(12, 10))).containsExactly(12L, 13L);
    }

    @Test
    void shouldKeepTheLatestWriteEvenIfItAloneExceedsTheCapacity() {
        CommittedTail tail = new CommittedTail(4);
        tail.add(entries(0, 2));
        tail.add(entries(2, 10));

        assertThat(tail.from(0, 10)).isEmpty();
        assertThat(offsets(tail.from(2, 100))).hasSize(8);
    }

    @Test
    void shouldRefuseANonPositiveCapacity() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CommittedTail(0));
    }

    private static List<Long> offsets(List<LogEntry> entries) {
        return entries.stream().map(e -> e.position().offset()).toList();
    }

    private static List<LogEntry> entries(long from, long to) {
        return LongStream.range(from, to).mapToObj(CommittedTailTests::entry).toList();
    }

    private static LogEntry entry(long offset) {
        return new LogEntry(new LogPosition(0, offset),
                new LogRecord.Unreadable(TENANT, "test.v1", ("r" + offset).getBytes(StandardCharsets.UTF_8), "test"));
    }
}
