/** Alerts on live rates: the tenant's current alerts, its rules (admin), and the webhook tally behind one of them. */
@NullMarked
package io.funnelstream.api.alert;

import org.jspecify.annotations.NullMarked;
