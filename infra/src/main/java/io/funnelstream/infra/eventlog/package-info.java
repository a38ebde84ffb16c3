/**
 * What every event-log adapter shares: the wire format of log records, group commit of concurrent appends, and
 * the Postgres table where consumers keep their positions next to their effects.
 */
@NullMarked
package io.funnelstream.infra.eventlog;

import org.jspecify.annotations.NullMarked;
