/** Feature flags: which capabilities are switched on, and the gate that hides the switched-off ones. */
@NullMarked
package io.funnelstream.api.feature;

import org.jspecify.annotations.NullMarked;
