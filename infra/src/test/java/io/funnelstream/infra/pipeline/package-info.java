/** The rollup pipeline end to end on real Postgres, Redis and Kafka: exactly once through crashes and outages. */
@NullMarked
package io.funnelstream.infra.pipeline;

import org.jspecify.annotations.NullMarked;
