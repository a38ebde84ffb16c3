/** Roles the outside world plays for the engine: the durable event log and the stores behind it. */
@NullMarked
package io.funnelstream.engine.port;

import org.jspecify.annotations.NullMarked;
