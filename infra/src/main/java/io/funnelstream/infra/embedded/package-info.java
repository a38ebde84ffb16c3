/** The embedded default's adapters: the durable event log kept in Postgres, with group commit. */
@NullMarked
package io.funnelstream.infra.embedded;

import org.jspecify.annotations.NullMarked;
