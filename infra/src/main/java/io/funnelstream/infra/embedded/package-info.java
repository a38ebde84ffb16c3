/** The embedded default's infrastructure: a PostgreSQL server that runs inside the service's own lifetime. */
@NullMarked
package io.funnelstream.infra.embedded;

import org.jspecify.annotations.NullMarked;
