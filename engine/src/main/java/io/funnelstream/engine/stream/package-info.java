/** Live analytics streams: per-scope hubs, replay, tokens and the shaping of each connection. */
@NullMarked
package io.funnelstream.engine.stream;

import org.jspecify.annotations.NullMarked;
