package io.funnelstream.engine.port;

import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The durable, ordered log every accepted event goes through before anything acts on it.
 *
 * <p>Writers: a webhook answers 2xx only once {@link #append} has completed, and 503 with Retry-After when it
 * errors with {@link EventLogUnavailableException}. Readers: a pipeline consumes {@link LogBatch}es in order per
 * partition and keeps its positions next to its own effects, so that applying a batch and moving past it is one
 * atomic step (see {@link LogPositions} and {@link LogBatch#ranges()}).
 */
public interface EventLog {

    /**
     * Appends records, all or none. Completes once every record is durable (replicated, committed), errors with
     * {@link EventLogUnavailableException} when the log cannot take them within its bounded time. An error does not
     * prove that nothing was written (a commit may time out after taking effect); a retry may therefore append
     * the same events again, and readers deduplicate by {@code MessageEvent#key()}.
     */
    Mono<Void> append(List<LogRecord> records);

    /**
     * Reads the log for one consumer group, in order per partition, as batches and with backpressure: no more
     * than a bounded number of batches is read ahead of demand. Where each partition starts is asked of
     * {@code positions} when consumption starts and whenever the group is given a partition; a partition without
     * a stored position starts at the beginning of the log.
     *
     * @param consumerGroup a stable, explicit name (see {@link ConsumerGroups})
     */
    Flux<LogBatch> consume(String consumerGroup, LogPositions positions);

    /**
     * The offset the next appended record of each partition will have at most (the log's end, committed records
     * only): with a consumer's stored positions it tells how far behind the consumer is. Empty when the log
     * cannot tell.
     */
    default Mono<Map<Integer, Long>> endOffsets() {
        return Mono.just(Map.of());
    }
}
