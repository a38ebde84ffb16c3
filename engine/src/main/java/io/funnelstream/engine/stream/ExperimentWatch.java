package io.funnelstream.engine.stream;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupsChanged;
import io.funnelstream.engine.rollup.Scope;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What the live scope {@code experiment:<id>} watches: the rollup scope of each of the experiment's variants
 * ({@link Scope#variant}). Its figures hold one range per variant, named by the variant's key.
 *
 * @param experimentId the experiment
 * @param variants its variant keys, control first; not empty
 */
public record ExperimentWatch(UUID experimentId, List<String> variants) {

    public ExperimentWatch {
        Objects.requireNonNull(experimentId, "experimentId");
        variants = List.copyOf(variants);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("an experiment has variants");
        }
    }

    /** The variants' rollup scopes, in the variants' order. */
    public List<Scope> scopes() {
        return variants.stream().map(v -> Scope.variant(experimentId, v)).toList();
    }

    /** True when the change concerns one of the variants' scopes of {@code tenant}'s experiment. */
    boolean touchedBy(TenantId tenant, RollupsChanged change) {
        return change.tenant().equals(tenant) && scopes().stream().anyMatch(change.scopes()::contains);
    }
}
