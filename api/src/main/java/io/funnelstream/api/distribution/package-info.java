/** The distributions API, the provider chosen per channel, and the sending workers' wiring. */
@NullMarked
package io.funnelstream.api.distribution;

import org.jspecify.annotations.NullMarked;
