/** The embedded default: a PostgreSQL server inside the service's lifetime and the event log kept in it. */
@NullMarked
package io.funnelstream.infra.embedded;

import org.jspecify.annotations.NullMarked;
