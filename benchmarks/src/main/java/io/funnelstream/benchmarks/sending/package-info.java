/** Sending throughput: the outbox worker against a provider simulated by WireMock with a fixed latency. */
@NullMarked
package io.funnelstream.benchmarks.sending;

import org.jspecify.annotations.NullMarked;
