/** Alerts on a scope's rates: thresholds per tenant, a minimum sample, and hysteresis so they do not flap. */
@NullMarked
package io.funnelstream.engine.alert;

import org.jspecify.annotations.NullMarked;
