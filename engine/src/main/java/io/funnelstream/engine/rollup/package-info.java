/** Rolling aggregates: turning message changes into per-bucket counter deltas, windowed for the stores. */
@NullMarked
package io.funnelstream.engine.rollup;

import org.jspecify.annotations.NullMarked;
