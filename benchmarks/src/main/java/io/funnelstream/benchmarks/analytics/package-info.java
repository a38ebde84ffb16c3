/** Latency of the delivery analytics queries over rollups, side by side with SQL over the raw rows. */
@NullMarked
package io.funnelstream.benchmarks.analytics;

import org.jspecify.annotations.NullMarked;
