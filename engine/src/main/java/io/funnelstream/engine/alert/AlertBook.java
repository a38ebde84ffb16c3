package io.funnelstream.engine.alert;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.Scope;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The alerts of every evaluated (tenant, scope) on this instance. Bounded: beyond {@code maxScopes} a scope whose
 * alerts are all quiet is forgotten to make room (it has nothing to remember but the last inputs).
 */
public final class AlertBook {

    public static final int DEFAULT_MAX_SCOPES = 100_000;

    private record Key(TenantId tenant, Scope scope) {}

    private final Map<Key, ScopeAlerts> scopes = new ConcurrentHashMap<>();
    private final int maxScopes;

    public AlertBook() {
        this(DEFAULT_MAX_SCOPES);
    }

    public AlertBook(int maxScopes) {
        if (maxScopes < 1) {
            throw new IllegalArgumentException("maxScopes must be positive: " + maxScopes);
        }
        this.maxScopes = maxScopes;
    }

    /** The scope's alerts, created quiet on first use. */
    public ScopeAlerts of(TenantId tenant, Scope scope) {
        Key key = new Key(tenant, scope);
        ScopeAlerts known = scopes.get(key);
        if (known != null) {
            return known;
        }
        if (scopes.size() >= maxScopes) {
            forgetOneQuiet();
        }
        return scopes.computeIfAbsent(key, k -> new ScopeAlerts());
    }

    /** The alerts that fire now in the scope (none if it was never evaluated). */
    public List<Alert> firing(TenantId tenant, Scope scope) {
        ScopeAlerts alerts = scopes.get(new Key(tenant, scope));
        return alerts == null ? List.of() : alerts.firing();
    }

    /** How many scopes are remembered. */
    public int size() {
        return scopes.size();
    }

    private void forgetOneQuiet() {
        Iterator<Map.Entry<Key, ScopeAlerts>> it = scopes.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue().isQuiet()) {
                it.remove();
                return;
            }
        }
    }
}
