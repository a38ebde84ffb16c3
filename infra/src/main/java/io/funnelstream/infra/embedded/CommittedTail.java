package io.funnelstream.infra.embedded;

import io.funnelstream.engine.port.LogEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The records this process committed last, kept in memory so that a reader at the head of the log takes them from
 * here instead of reading back from the table what was just written (and decoding it again). Records are kept as
 * runs of consecutive sequence values; a reader gets records from a run only if the run holds the very position it
 * asks for, so nothing committed before them (by another process, or a gap left by an aborted write) is ever
 * skipped: any position it does not hold sends the reader to the table, as before. Bounded: the oldest runs are
 * dropped beyond {@code capacity} records, and a reader that far behind reads the table.
 *
 * <p>Sound only with what the log keeps: a run is added after its transaction committed, and the record at a
 * sequence value never changes.
 */
final class CommittedTail {

    /** Consecutive sequence values from {@code first}. */
    private record Run(long first, List<LogEntry> entries) {
        long end() {
            return first + entries.size();
        }
    }

    private final int capacity;
    private final Deque<Run> runs = new ArrayDeque<>();
    private int size;

    CommittedTail(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /** Adds committed entries, in increasing positions (gaps allowed). */
    void add(List<LogEntry> entries) {
        List<Run> cut = runs(entries);
        synchronized (this) {
            for (Run run : cut) {
                runs.addLast(run);
                size += run.entries().size();
            }
            while (size > capacity && runs.size() > 1) {
                size -= runs.removeFirst().entries().size();
            }
        }
    }

    /**
     * Up to {@code max} entries from exactly position {@code from} on, all of one run; empty if no run holds
     * {@code from}.
     */
    synchronized List<LogEntry> from(long from, int max) {
        for (var it = runs.descendingIterator(); it.hasNext(); ) {
            Run run = it.next();
            if (from >= run.first() && from < run.end()) {
                int at = (int) (from - run.first());
                return run.entries().subList(at, Math.min(run.entries().size(), at + max));
            }
        }
        return List.of();
    }

    private static List<Run> runs(List<LogEntry> entries) {
        List<Run> cut = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= entries.size(); i++) {
            if (i == entries.size()
                    || entries.get(i).position().offset() != entries.get(i - 1).position().offset() + 1) {
                if (i > start) {
                    cut.add(new Run(entries.get(start).position().offset(), List.copyOf(entries.subList(start, i))));
                }
                start = i;
            }
        }
        return cut;
    }
}
