/** Roles the outside world plays for the engine: storage, logs, directories and providers. */
@NullMarked
package io.funnelstream.engine.port;

import org.jspecify.annotations.NullMarked;
