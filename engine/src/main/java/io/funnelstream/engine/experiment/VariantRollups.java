package io.funnelstream.engine.experiment;

import io.funnelstream.engine.experiment.stats.Proportion;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.Counter;
import io.funnelstream.engine.rollup.Counts;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupRetention;
import io.funnelstream.engine.rollup.Scope;
import io.funnelstream.engine.rollup.SurveyStep;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * How an experiment's figures are read from rollups: each variant's scope ({@link Scope#variant}) summed over day
 * buckets that cover everything the store keeps. The range reaches back a whole day retention rather than to the
 * experiment's creation because a message counts as queued when its outbox row was written, which may be long
 * before the experiment existed; a store skips the buckets it no longer keeps, so the long range costs only the
 * buckets that hold something. It ends a day after today, for provider clocks a little ahead.
 *
 * <p>Per variant: trials are {@code stage.queued} (every test-audience message sent under it, whatever became of
 * it), successes the metric's counter: {@code stage.delivered} for delivery, the unique {@code funnel.viewed},
 * {@code funnel.started} or {@code funnel.completed} for view, start and response. A distribution sends one message
 * per recipient, so these count recipients, as the Postgres query of {@link ExperimentStore#outcomes} does.
 */
public final class VariantRollups {

    /** How far back the reads reach by default: the default retention of day buckets. */
    public static final Duration DEFAULT_HISTORY = RollupRetention.DEFAULT.days();

    private VariantRollups() {}

    /** The day buckets of one variant's scope that cover its history when "now" is {@code now}. */
    public static RollupQuery query(TenantId tenant, UUID experiment, String variant, Instant now, Duration history) {
        Instant today = BucketSize.DAY.start(now);
        Instant from = BucketSize.DAY.start(today.minus(history));
        Duration span = BucketSize.DAY.length().multipliedBy(2);
        return new RollupQuery(tenant, Scope.variant(experiment, variant), BucketSize.DAY, from, today.plus(span));
    }

    /** The counter whose count is the successes of {@code metric}. */
    public static String successCounter(Metric metric) {
        return switch (metric) {
            case DELIVERY -> Counter.reached(Stage.DELIVERED);
            case VIEW -> SurveyStep.VIEWED.uniqueCounter();
            case START -> SurveyStep.STARTED.uniqueCounter();
            case RESPONSE -> SurveyStep.COMPLETED.uniqueCounter();
        };
    }

    /** A variant's trials and successes from its totals (successes capped at trials, as rollups may lag a stage). */
    public static Proportion outcome(Counts totals, Metric metric) {
        long trials = Math.max(0, totals.get(Counter.reached(Stage.QUEUED)));
        long successes = Math.clamp(totals.get(successCounter(metric)), 0, trials);
        return new Proportion(successes, trials);
    }
}
