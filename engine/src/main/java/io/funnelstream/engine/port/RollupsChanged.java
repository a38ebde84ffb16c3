package io.funnelstream.engine.port;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.Scope;
import java.util.Objects;
import java.util.Set;

/**
 * Notice that some of a tenant's rollups changed: which scopes, not by how much. Readers fetch the new numbers
 * from the {@link RollupStore}; a notice carries no counts, so a lost or repeated one never skews them.
 *
 * @param tenant whose rollups changed
 * @param scopes the scopes that changed (an unmodifiable copy); not empty
 */
public record RollupsChanged(TenantId tenant, Set<Scope> scopes) {

    public RollupsChanged {
        Objects.requireNonNull(tenant, "tenant");
        scopes = Set.copyOf(Objects.requireNonNull(scopes, "scopes"));
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a change names at least one scope");
        }
    }

    /** True when the notice concerns this tenant's scope. */
    public boolean touches(TenantId tenant, Scope scope) {
        return this.tenant.equals(tenant) && scopes.contains(scope);
    }
}
