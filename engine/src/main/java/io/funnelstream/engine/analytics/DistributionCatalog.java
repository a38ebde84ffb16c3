package io.funnelstream.engine.analytics;

import io.funnelstream.engine.model.TenantId;
import java.time.Instant;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The tenant's distributions, and what Postgres alone knows about them (rollups keep no failure reasons). */
public interface DistributionCatalog {

    /** The tenant's distributions, newest first, at most {@code limit}. */
    Flux<DistributionInfo> list(TenantId tenant, int limit);

    /** One distribution of the tenant, or empty. */
    Mono<DistributionInfo> find(TenantId tenant, UUID distribution);

    /**
     * The distribution's failed or held-up messages grouped by reason, most frequent first, at most
     * {@code limit} groups; a message counts when its most serious failure happened in {@code [from, to)}.
     */
    Flux<FailureReason> failures(TenantId tenant, UUID distribution, Instant from, Instant to, int limit);
}
