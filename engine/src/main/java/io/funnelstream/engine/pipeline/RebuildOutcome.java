package io.funnelstream.engine.pipeline;

import io.funnelstream.engine.model.TenantId;
import java.time.Duration;
import java.util.Map;

/** What asking for a rebuild of a tenant's rollups came to. */
public sealed interface RebuildOutcome {

    TenantId tenant();

    /**
     * The rollups were replaced by a recount.
     *
     * @param messages messages recounted
     * @param events applied events read
     * @param rollups rollups (tenant, scope, bucket) written
     * @param coveredUpTo per partition, the last log offset the recount includes
     * @param took how long it took
     */
    record Rebuilt(TenantId tenant, long messages, long events, int rollups, Map<String, Long> coveredUpTo,
            Duration took) implements RebuildOutcome {

        public Rebuilt {
            coveredUpTo = Map.copyOf(coveredUpTo);
        }
    }

    /** Another rebuild of the tenant was running (here or in another process); nothing was done. */
    record AlreadyRunning(TenantId tenant) implements RebuildOutcome {}
}
