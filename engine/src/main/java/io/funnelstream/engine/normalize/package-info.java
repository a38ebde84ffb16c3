/**
 * Turning a verified provider webhook into canonical {@link io.funnelstream.engine.model.MessageEvent}s, one
 * small normaliser per provider.
 */
@NullMarked
package io.funnelstream.engine.normalize;

import org.jspecify.annotations.NullMarked;
