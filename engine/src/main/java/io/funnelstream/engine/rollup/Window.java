package io.funnelstream.engine.rollup;

import io.funnelstream.engine.model.TenantId;
import java.util.Map;
import java.util.Objects;

/**
 * A run of consecutive changes of one partition, merged: what the pipeline commits (its last position and
 * its delta, in one transaction) and then applies to the rollup store, once per tenant, under {@link #id()}.
 *
 * @param id the partition and offsets covered
 * @param delta the sum of the changes' increments, for every tenant concerned; may be empty
 * @param changes how many changes it merges
 */
public record Window(WindowId id, RollupDelta delta, int changes) {

    public Window {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(delta, "delta");
        if (changes < 1) {
            throw new IllegalArgumentException("a window merges at least one change");
        }
    }

    /** The position to commit once the window is safe. */
    public LogPosition last() {
        return id.last();
    }

    /** The delta split by tenant, one store application each. */
    public Map<TenantId, RollupDelta> byTenant() {
        return delta.byTenant();
    }
}
