/** Delivery analytics over rollups (or Postgres when they cannot answer): ranges, slices, reports, paging. */
@NullMarked
package io.funnelstream.engine.analytics;

import org.jspecify.annotations.NullMarked;
