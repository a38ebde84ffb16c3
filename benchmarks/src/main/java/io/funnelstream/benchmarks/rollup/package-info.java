/** Throughput of rollup delta computation and merging, and of applying windows to Redis. */
@NullMarked
package io.funnelstream.benchmarks.rollup;

import org.jspecify.annotations.NullMarked;
