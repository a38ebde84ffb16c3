package io.funnelstream.engine.port;

import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Where a consumer group keeps its positions: with the consumer's own effects, written in the same transaction
 * (for both logs, the Postgres table {@code event_log_positions}). The log only reads them, to know where to start.
 */
@FunctionalInterface
public interface LogPositions {

    /**
     * The next offset to read for each of these partitions; a partition missing from the answer starts at the
     * beginning of the log.
     */
    Mono<Map<Integer, Long>> load(String consumerGroup, Set<Integer> partitions);

    /** Positions that are never stored: every partition starts at the beginning. */
    static LogPositions fromBeginning() {
        return (group, partitions) -> Mono.just(Map.of());
    }
}
