/** Sustained throughput and freshness of the rollup pipeline, end to end on real services. */
@NullMarked
package io.funnelstream.benchmarks.pipeline;

import org.jspecify.annotations.NullMarked;
