package io.funnelstream.engine.experiment;

import io.funnelstream.engine.experiment.stats.ChiSquareResult;
import io.funnelstream.engine.experiment.stats.SampleRatio;
import java.time.Instant;
import java.util.List;

/**
 * Everything known about an experiment at one moment.
 *
 * @param experiment the experiment, with its recorded winner if any
 * @param variants per-variant figures, control first
 * @param comparisons each other variant against the control
 * @param chiSquare the test of independence over all variants, for information (never used to stop)
 * @param sampleRatio the sample-ratio mismatch check
 * @param recommendation what to do now
 * @param computedAt when the counts were read
 */
public record ExperimentResults(
        Experiment experiment,
        List<VariantResult> variants,
        List<Comparison> comparisons,
        ChiSquareResult chiSquare,
        SampleRatio sampleRatio,
        Recommendation recommendation,
        Instant computedAt) {

    public ExperimentResults {
        variants = List.copyOf(variants);
        comparisons = List.copyOf(comparisons);
    }
}
