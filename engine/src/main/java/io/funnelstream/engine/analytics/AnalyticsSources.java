package io.funnelstream.engine.analytics;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupAvailability;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Picks the sources of a request: the rollups when there is a store and it is current for the tenant,
 * Postgres for everything else.
 */
public final class AnalyticsSources {

    private final @Nullable AnalyticsSource rollups;
    private final AnalyticsSource postgres;
    private final RollupAvailability availability;

    /**
     * @param rollups the rollup store as a source, or null when there is none (everything from Postgres)
     * @param postgres the source that counts from Postgres; reads every slice
     * @param availability whether the rollups are current for a tenant
     */
    public AnalyticsSources(
            @Nullable AnalyticsSource rollups, AnalyticsSource postgres, RollupAvailability availability) {
        this.rollups = rollups;
        this.postgres = Objects.requireNonNull(postgres, "postgres");
        this.availability = Objects.requireNonNull(availability, "availability");
    }

    /** The reader of one request of the tenant. */
    public Mono<AnalyticsReader> open(TenantId tenant) {
        AnalyticsSource store = rollups;
        if (store == null) {
            return Mono.just(new AnalyticsReader(null, postgres));
        }
        return Mono.defer(() -> availability.isCurrent(tenant))
                .onErrorReturn(Boolean.FALSE)
                .defaultIfEmpty(Boolean.FALSE)
                .map(current -> new AnalyticsReader(current ? store : null, postgres));
    }
}
