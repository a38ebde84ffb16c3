package io.funnelstream.engine.port;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.RollupDelta;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What rebuilding rollups reads from Postgres: the recount of a tenant, and what was applied so far. */
public interface RollupSource {

    /** Every tenant that has messages. */
    Flux<TenantId> tenantsWithMessages();

    /**
     * Recounts the tenant's rollups from its messages and the events applied to them
     * ({@code RollupDeltas.addFinalState} per message), in one snapshot together with the consumer group's
     * committed positions: the recount covers exactly the records before those positions.
     */
    Mono<Recount> recount(TenantId tenant, String consumerGroup);

    /** Per partition, the last offset of the tenant's windows applied to the store so far (from the outbox). */
    Mono<Map<String, Long>> appliedUpTo(TenantId tenant);

    /**
     * Runs {@code work} holding the tenant's rebuild lock (one rebuild of a tenant at a time, across processes);
     * emits an empty {@link Optional} without running it when another rebuild holds the lock.
     */
    <T> Mono<Optional<T>> exclusively(TenantId tenant, Mono<T> work);

    /**
     * A tenant's rollups recounted.
     *
     * @param fullState every rollup of the tenant
     * @param positions the consumer group's next offset per log partition, in the same snapshot
     * @param messages messages counted
     * @param events applied events read
     */
    record Recount(RollupDelta fullState, Map<Integer, Long> positions, long messages, long events) {

        public Recount {
            Objects.requireNonNull(fullState, "fullState");
            positions = Map.copyOf(positions);
        }
    }
}
