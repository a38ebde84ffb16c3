package io.funnelstream.engine.experiment;

import io.funnelstream.engine.experiment.stats.Interval;
import io.funnelstream.engine.experiment.stats.SequentialTest;
import io.funnelstream.engine.experiment.stats.ZTest;

/**
 * A variant against the control: {@code difference = variant rate - control rate}.
 *
 * @param variant the variant's key
 * @param control the control's key
 * @param difference the observed difference of rates
 * @param newcombe95 Newcombe's hybrid score interval at 95%
 * @param newcombe99 Newcombe's hybrid score interval at 99%
 * @param wald95 the Wald interval at 95%, for reference only
 * @param zTest the pooled two-proportion z-test, for information: it is never used to stop
 * @param sequential the always-valid test at the experiment's alpha split over the comparisons (Bonferroni)
 */
public record Comparison(
        String variant,
        String control,
        double difference,
        Interval newcombe95,
        Interval newcombe99,
        Interval wald95,
        ZTest zTest,
        SequentialTest sequential) {}
