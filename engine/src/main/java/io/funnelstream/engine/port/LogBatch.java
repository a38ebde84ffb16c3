package io.funnelstream.engine.port;

import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * Records read from the log in one go, in log order per partition.
 *
 * <p>To apply a batch exactly once, a consumer in one transaction: checks that its stored position of every
 * partition in {@link #ranges()} is at most {@link LogRange#from()}, applies the entries, stores each
 * {@link LogRange#next()}, and commits. Then it calls {@link #acknowledge()}.
 *
 * @param entries the records with their positions
 * @param ranges one range per partition present in {@code entries}
 * @param acknowledgement what {@link #acknowledge()} does
 */
public record LogBatch(List<LogEntry> entries, List<LogRange> ranges, Acknowledgement acknowledgement) {

    public LogBatch {
        entries = List.copyOf(entries);
        ranges = List.copyOf(ranges);
        Objects.requireNonNull(acknowledgement, "acknowledgement");
    }

    /**
     * Tells the log the batch's effects and positions are committed. The stored positions stay the truth; this
     * lets the log release what it holds for the batch and, for Kafka, mirror the positions as the group's
     * committed offsets so lag can be watched. A Kafka consumer that stops acknowledging stops receiving after
     * a bounded number of records.
     */
    public Mono<Void> acknowledge() {
        return acknowledgement.acknowledge();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** What acknowledging a batch does; adapters supply it. */
    @FunctionalInterface
    public interface Acknowledgement {
        Mono<Void> acknowledge();
    }
}
