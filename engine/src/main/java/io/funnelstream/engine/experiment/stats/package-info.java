/**
 * Pure statistics for experiments over proportions: tests, intervals, sample sizes, sample-ratio checks and an
 * always-valid sequential test; every function answers with finite numbers, whatever the counts.
 */
@NullMarked
package io.funnelstream.engine.experiment.stats;

import org.jspecify.annotations.NullMarked;
