package io.funnelstream.engine.experiment;

import io.funnelstream.engine.experiment.stats.Interval;
import io.funnelstream.engine.experiment.stats.Proportion;

/**
 * One variant's figures.
 *
 * @param variant the variant's key
 * @param weight its intended share of the test audience
 * @param assigned test recipients assigned to it
 * @param outcome recipients sent a message (trials) and those who reached the metric's stage (successes)
 * @param wilson95 the 95% Wilson score interval of its rate
 * @param wilson99 the 99% Wilson score interval of its rate
 */
public record VariantResult(
        String variant, double weight, long assigned, Proportion outcome, Interval wilson95, Interval wilson99) {

    public double rate() {
        return outcome.rate();
    }
}
