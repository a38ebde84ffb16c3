/** Live stream load: many SSE clients on one instance, update latency, connect/disconnect churn and heap. */
@NullMarked
package io.funnelstream.benchmarks.stream;

import org.jspecify.annotations.NullMarked;
