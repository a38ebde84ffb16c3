package io.funnelstream.engine.alert;

import io.funnelstream.engine.model.TenantId;
import java.time.Instant;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Webhook requests per tenant and minute, shared by every instance that takes webhooks (or kept by this one
 * alone), for the webhook failure alert. Kept for a few hours, never for billing: a lost flush costs an alert's
 * precision only.
 */
public interface WebhookTallyStore {

    /** Adds the counts to what each tenant's minute holds. */
    Mono<Void> add(Map<TenantMinute, WebhookCounts> counts);

    /** The sum of the tenant's minutes that start within {@code [from, to)}. */
    Mono<WebhookCounts> read(TenantId tenant, Instant from, Instant to);
}
