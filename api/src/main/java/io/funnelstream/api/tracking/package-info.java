/** The survey viewer's funnel beacons: the public tracking endpoint, its limits and CORS, and the tracker script. */
@NullMarked
package io.funnelstream.api.tracking;

import org.jspecify.annotations.NullMarked;
