package io.funnelstream.engine.alert;

import io.funnelstream.engine.model.TenantId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The webhook requests this instance answered since the last flush, per tenant and minute: counting costs a map
 * update, and {@link WebhookTallyFlusher} moves them to the {@link WebhookTallyStore} in one write now and then.
 */
public final class WebhookTally {

    private static final WebhookCounts ONE_OK = new WebhookCounts(1, 0);
    private static final WebhookCounts ONE_FAILED = new WebhookCounts(1, 1);

    private final Map<TenantMinute, WebhookCounts> pending = new ConcurrentHashMap<>();

    /** Counts one request of the tenant, answered at {@code at}. */
    public void record(TenantId tenant, Instant at, boolean failed) {
        pending.merge(new TenantMinute(tenant, at), failed ? ONE_FAILED : ONE_OK, WebhookCounts::plus);
    }

    /** Takes what was counted since the last drain; nothing counted meanwhile is lost or taken twice. */
    public Map<TenantMinute, WebhookCounts> drain() {
        Map<TenantMinute, WebhookCounts> out = new HashMap<>();
        for (TenantMinute key : pending.keySet()) {
            WebhookCounts counts = pending.remove(key);
            if (counts != null) {
                out.put(key, counts);
            }
        }
        return out;
    }

    /** Puts back counts a flush could not write, to go with the next one. */
    public void restore(Map<TenantMinute, WebhookCounts> counts) {
        counts.forEach((key, value) -> pending.merge(key, value, WebhookCounts::plus));
    }
}
