package io.funnelstream.engine.alert;

import io.funnelstream.engine.model.TenantId;
import reactor.core.publisher.Mono;

/** Where tenants' own alert rules are kept (Postgres); kinds a tenant did not set use {@link AlertRule#defaultFor}. */
public interface AlertRuleStore {

    /** The tenant's rules, defaults where it set none. */
    Mono<AlertRules> rules(TenantId tenant);

    /** Sets the tenant's rule of this kind. */
    Mono<Void> put(TenantId tenant, AlertKind kind, AlertRule rule);

    /** Goes back to the default rule of this kind; false when the tenant had none of its own. */
    Mono<Boolean> delete(TenantId tenant, AlertKind kind);
}
