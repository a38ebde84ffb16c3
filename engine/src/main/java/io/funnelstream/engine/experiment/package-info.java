/**
 * A/B experiments on distributions: their design, deterministic assignment of recipients to variants, and the
 * analysis that turns per-variant counts into a recommended decision.
 */
@NullMarked
package io.funnelstream.engine.experiment;

import org.jspecify.annotations.NullMarked;
