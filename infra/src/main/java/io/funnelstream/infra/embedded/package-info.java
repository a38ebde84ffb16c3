/** The embedded default's adapters, which need no service outside the process: among them in-memory rollups. */
@NullMarked
package io.funnelstream.infra.embedded;

import org.jspecify.annotations.NullMarked;
