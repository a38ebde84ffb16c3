package io.funnelstream.engine.port;

import io.funnelstream.engine.model.TenantId;
import reactor.core.publisher.Mono;

/**
 * Whether the {@link RollupStore} can be trusted for a tenant right now. Analytics read rollups when it says
 * true, and otherwise answer from Postgres aggregates and mark the response as such: the store keeps serving
 * reads while it is behind, but what it holds may be missing windows.
 */
@FunctionalInterface
public interface RollupAvailability {

    /**
     * True when the store holds every window committed for the tenant, give or take the pipeline's usual delay
     * (well under a second). False while the store does not answer, while windows wait in the outbox for it to
     * come back, while the tenant's rollups are being rebuilt, and after a start until the store was checked
     * against Postgres. Never errors.
     */
    Mono<Boolean> isCurrent(TenantId tenant);

    /** Availability that always trusts the store (tests, tools without a pipeline). */
    static RollupAvailability always() {
        return tenant -> Mono.just(true);
    }
}
