/** The delivery analytics REST API: overview, channels, funnel, timeline and distributions, per tenant. */
@NullMarked
package io.funnelstream.api.analytics;

import org.jspecify.annotations.NullMarked;
