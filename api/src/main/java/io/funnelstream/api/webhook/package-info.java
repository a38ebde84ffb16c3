/**
 * Provider delivery webhooks at the HTTP edge: routes per provider and tenant, raw-body verification through the
 * engine, durable append before acknowledgement, edge duplicate counting, metrics, and the admin API for the
 * provider secrets that verification needs.
 */
@NullMarked
package io.funnelstream.api.webhook;

import org.jspecify.annotations.NullMarked;
