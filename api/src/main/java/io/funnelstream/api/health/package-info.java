/** Reactive health indicators, one per dependency. */
@NullMarked
package io.funnelstream.api.health;

import org.jspecify.annotations.NullMarked;
