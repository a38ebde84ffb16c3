package io.funnelstream.engine.port;

/**
 * Where a record sits in the log: its partition and its offset there. Offsets grow within a partition but may
 * have gaps (transaction markers, sequence gaps), so the next position to read is "last offset + 1", not a count.
 */
public record LogPosition(int partition, long offset) {

    public LogPosition {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("negative position " + partition + "/" + offset);
        }
    }
}
