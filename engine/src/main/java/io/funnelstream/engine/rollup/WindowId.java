package io.funnelstream.engine.rollup;

import java.util.Objects;

/**
 * The identity of a window of changes: the partition and the range of offsets it covers. The same changes
 * give the same id after a restart, which is what lets a store apply a window exactly once.
 *
 * @param partition the partition all the window's changes came from
 * @param firstOffset the offset of its first change
 * @param lastOffset the offset of its last change, not before the first
 */
public record WindowId(String partition, long firstOffset, long lastOffset) {

    public WindowId {
        requirePartition(partition);
        if (firstOffset < 0 || lastOffset < firstOffset) {
            throw new IllegalArgumentException("bad offset range " + firstOffset + ".." + lastOffset);
        }
    }

    /** The id between two positions of one partition, both included. */
    public static WindowId between(LogPosition first, LogPosition last) {
        if (!first.partition().equals(last.partition())) {
            throw new IllegalArgumentException("a window spans one partition: " + first + ", " + last);
        }
        return new WindowId(first.partition(), first.offset(), last.offset());
    }

    /** {@code <partition>/<first>-<last>}: the form stores keep. */
    public String value() {
        return partition + "/" + firstOffset + "-" + lastOffset;
    }

    /** The position of the last change: what a consumer commits once the window is safe. */
    public LogPosition last() {
        return new LogPosition(partition, lastOffset);
    }

    @Override
    public String toString() {
        return value();
    }

    static void requirePartition(String partition) {
        Objects.requireNonNull(partition, "partition");
        if (partition.isEmpty() || partition.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("partition must be non-empty without whitespace: '" + partition + "'");
        }
    }
}
