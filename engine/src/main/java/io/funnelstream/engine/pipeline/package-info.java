/**
 * The streaming pipeline: log batches applied to messages in Postgres and, through an outbox committed with
 * them, to the rollup store, exactly once; and rebuilding rollups from Postgres.
 */
@NullMarked
package io.funnelstream.engine.pipeline;

import org.jspecify.annotations.NullMarked;
