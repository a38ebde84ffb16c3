package io.funnelstream.engine.rollup;

/**
 * Where a change came from in the event log: a partition (a Kafka topic-partition such as
 * {@code events-3}, or the name of a Postgres log) and an offset in it. Offsets grow within a partition.
 *
 * @param partition the stable name of the partition; no whitespace
 * @param offset the position in the partition, not negative
 */
public record LogPosition(String partition, long offset) {

    public LogPosition {
        WindowId.requirePartition(partition);
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
    }

    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}
