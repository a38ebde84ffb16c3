package io.funnelstream.infra.eventlog;

import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogPositions;
import io.funnelstream.engine.port.LogRange;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Readable;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Consumer positions in the Postgres table {@code event_log_positions (consumer_group, log_partition,
 * next_offset)}, for either log (the embedded log has one partition, 0; Kafka one row per partition). The value
 * is the next offset to read.
 *
 * <p>A consumer saves a batch's positions with {@link #save} on the connection of its own transaction, after
 * applying the batch there; the save refuses a batch that starts before the stored position, which fences off a
 * stale consumer (after a rebalance, a zombie instance) from applying records twice.
 */
public final class PostgresLogPositions implements LogPositions {

    private static final String LOAD = """
            select log_partition, next_offset from event_log_positions
            where consumer_group = $1 and log_partition = any($2)""";

    private static final String SAVE = """
            insert into event_log_positions as p (consumer_group, log_partition, next_offset)
            values ($1, $2, $3)
            on conflict (consumer_group, log_partition)
            do update set next_offset = excluded.next_offset, updated_at = now()
            where p.next_offset <= $4""";

    private final ConnectionFactory connections;

    public PostgresLogPositions(ConnectionFactory connections) {
        this.connections = connections;
    }

    @Override
    public Mono<Map<Integer, Long>> load(String consumerGroup, Set<Integer> partitions) {
        Integer[] wanted = partitions.toArray(Integer[]::new);
        return Flux.usingWhen(
                        connections.create(),
                        c -> Flux.from(c.createStatement(LOAD).bind(0, consumerGroup).bind(1, wanted).execute())
                                .concatMap(r -> r.map(PostgresLogPositions::position)),
                        Connection::close)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
    }

    /**
     * Stores the batch's next positions on {@code transaction}, the caller's connection with its transaction
     * open. Emits true when every partition's stored position was at most the batch's start (or absent) and is
     * now the batch's end; false when another consumer had already gone past the batch's start, in which case
     * the caller must roll back and resume from the stored positions.
     */
    public static Mono<Boolean> save(Connection transaction, String consumerGroup, LogBatch batch) {
        return Flux.fromIterable(batch.ranges())
                .concatMap(range -> saveOne(transaction, consumerGroup, range))
                .all(saved -> saved);
    }

    private static Mono<Boolean> saveOne(Connection c, String consumerGroup, LogRange range) {
        return Flux.from(c.createStatement(SAVE)
                        .bind(0, consumerGroup)
                        .bind(1, range.partition())
                        .bind(2, range.next())
                        .bind(3, range.from())
                        .execute())
                .concatMap(r -> r.getRowsUpdated())
                .reduce(0L, Long::sum)
                .map(rows -> rows == 1L);
    }

    private static Map.Entry<Integer, Long> position(Readable row) {
        Integer partition = row.get("log_partition", Integer.class);
        Long next = row.get("next_offset", Long.class);
        if (partition == null || next == null) {
            throw new IllegalStateException("event_log_positions has a null position");
        }
        return Map.entry(partition, next);
    }
}
