/** Survey funnel tracking: signed tracking tokens, scanner detection and abandonment after inactivity. */
@NullMarked
package io.funnelstream.engine.tracking;

import org.jspecify.annotations.NullMarked;
