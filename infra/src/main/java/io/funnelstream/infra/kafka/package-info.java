/** The production event log: a Kafka topic written by a transactional producer and read with Reactor Kafka. */
@NullMarked
package io.funnelstream.infra.kafka;

import org.jspecify.annotations.NullMarked;
