/** Configuration properties and the wiring that chooses the embedded default or the production services. */
@NullMarked
package io.funnelstream.api.config;

import org.jspecify.annotations.NullMarked;
