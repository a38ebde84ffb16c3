package io.funnelstream.engine.port;

import io.funnelstream.engine.model.TenantId;
import reactor.core.publisher.Mono;

/**
 * Whether the rollup store can answer for a tenant right now: reachable, and caught up with what Postgres has
 * committed (not empty, not mid-rebuild). When it cannot, analytics are computed from Postgres instead.
 */
public interface RollupAvailability {

    /** True when reads of the tenant's rollups may be trusted now; an error or empty counts as false. */
    Mono<Boolean> isCurrent(TenantId tenant);

    /** Always current: for a store that cannot fall behind, or until something knows better. */
    static RollupAvailability always() {
        return tenant -> Mono.just(Boolean.TRUE);
    }
}
