/** Keys that sign short-lived and long-lived tokens, with rotation. */
@NullMarked
package io.funnelstream.engine.signing;

import org.jspecify.annotations.NullMarked;
