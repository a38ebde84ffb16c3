/** The embedded default: a PostgreSQL server inside the service's lifetime, the event log kept in it, in-memory rollups. */
@NullMarked
package io.funnelstream.infra.embedded;

import org.jspecify.annotations.NullMarked;
