/** Server-Sent Event streams of live analytics, and the tokens that open them. */
@NullMarked
package io.funnelstream.api.stream;

import org.jspecify.annotations.NullMarked;
