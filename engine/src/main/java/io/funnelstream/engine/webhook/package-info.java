/**
 * Receiving provider webhooks: the request as received, per-tenant credentials, and one verifier per provider
 * that decides whether a request really comes from that provider.
 */
@NullMarked
package io.funnelstream.engine.webhook;

import org.jspecify.annotations.NullMarked;
