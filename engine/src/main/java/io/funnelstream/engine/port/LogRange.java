package io.funnelstream.engine.port;

/**
 * The stretch of one partition a batch covers: its records lie in {@code [from, next)}. A consumer that stored
 * position {@code p} for the partition may apply the batch only if {@code p <= from} (otherwise someone already
 * applied these records) and then stores {@code next}, in the same transaction as its effects.
 */
public record LogRange(int partition, long from, long next) {

    public LogRange {
        if (partition < 0 || from < 0 || next <= from) {
            throw new IllegalArgumentException("bad range " + partition + ": [" + from + ", " + next + ")");
        }
    }
}
