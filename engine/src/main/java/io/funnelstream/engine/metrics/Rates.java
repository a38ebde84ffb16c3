package io.funnelstream.engine.metrics;

import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.rollup.Counter;
import io.funnelstream.engine.rollup.Counts;
import io.funnelstream.engine.rollup.SurveyStep;
import java.util.Optional;

/**
 * The rates of a range, from its summed rollup counters ({@code RollupSnapshot.totals()}). Stage counts are
 * messages that first reached the stage within the range, so over a short range a rate compares different
 * cohorts (messages opened today were often delivered yesterday) and may exceed 1; over a distribution's
 * whole life it is the share of messages. Every rate is empty when its denominator is 0.
 */
public final class Rates {

    private Rates() {}

    /** Delivered / sent. */
    public static Optional<Rate> deliveryRate(Counts counts) {
        return Rate.of(reached(counts, Stage.DELIVERED), reached(counts, Stage.SENT));
    }

    /**
     * (Hard + soft bounces) / sent. A message that soft-bounced and later hard-bounced counts in both
     * classes, as the providers' own reports count it.
     */
    public static Optional<Rate> bounceRate(Counts counts) {
        return Rate.of(
                reached(counts, Stage.BOUNCED) + reached(counts, Stage.SOFT_BOUNCED), reached(counts, Stage.SENT));
    }

    /** Hard bounces / sent. */
    public static Optional<Rate> hardBounceRate(Counts counts) {
        return Rate.of(reached(counts, Stage.BOUNCED), reached(counts, Stage.SENT));
    }

    /** Messages opened by a person / delivered (unique opens). */
    public static Optional<Rate> uniqueOpenRate(Counts counts) {
        return Rate.of(reached(counts, Stage.OPENED), reached(counts, Stage.DELIVERED));
    }

    /** Open events by people / delivered: opens per delivered message, may exceed 1. */
    public static Optional<Rate> totalOpenRate(Counts counts) {
        return Rate.of(counts.get(Counter.OPENS), reached(counts, Stage.DELIVERED));
    }

    /** Automated open events (privacy proxies) / delivered, kept apart from opens by people. */
    public static Optional<Rate> machineOpenRate(Counts counts) {
        return Rate.of(counts.get(Counter.MACHINE_OPENS), reached(counts, Stage.DELIVERED));
    }

    /** Messages clicked / messages opened (click-to-open). */
    public static Optional<Rate> clickRate(Counts counts) {
        return Rate.of(reached(counts, Stage.CLICKED), reached(counts, Stage.OPENED));
    }

    /** Messages read / delivered (WhatsApp read receipts). */
    public static Optional<Rate> readRate(Counts counts) {
        return Rate.of(reached(counts, Stage.READ), reached(counts, Stage.DELIVERED));
    }

    /** Recipients who viewed the survey / delivered. */
    public static Optional<Rate> viewRate(Counts counts) {
        return Rate.of(counts.get(SurveyStep.VIEWED.uniqueCounter()), reached(counts, Stage.DELIVERED));
    }

    /** Recipients who completed the survey / delivered. */
    public static Optional<Rate> responseRate(Counts counts) {
        return Rate.of(counts.get(SurveyStep.COMPLETED.uniqueCounter()), reached(counts, Stage.DELIVERED));
    }

    static long reached(Counts counts, Stage stage) {
        return counts.get(Counter.reached(stage));
    }
}
