/** A Monte Carlo harness for the experiments' auto-stop: false positives under peeking, power, stopping sizes. */
@NullMarked
package io.funnelstream.benchmarks.experiment;

import org.jspecify.annotations.NullMarked;
