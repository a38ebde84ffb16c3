/** Rates, response times and the funnel, computed from rollup counters over a range. */
@NullMarked
package io.funnelstream.engine.metrics;

import org.jspecify.annotations.NullMarked;
