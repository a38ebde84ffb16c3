/** A message's life: folding provider events, in any order and any number of times, into its state. */
@NullMarked
package io.funnelstream.engine.lifecycle;

import org.jspecify.annotations.NullMarked;
