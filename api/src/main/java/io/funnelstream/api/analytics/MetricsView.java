package io.funnelstream.api.analytics;

import io.funnelstream.engine.metrics.DeliveryReport;
import io.funnelstream.engine.metrics.Rate;
import io.funnelstream.engine.metrics.ResponseTimes;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.rollup.Counter;
import io.funnelstream.engine.rollup.Counts;
import io.funnelstream.engine.rollup.SurveyStep;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Every count and rate of a set of messages over a range, as served. A rate is null where its denominator is 0.
 *
 * @param counts what was counted
 * @param rates the rates, each with the counts it divides
 * @param responseTime delivery to survey completion
 */
@Schema(name = "Metrics")
record MetricsView(CountsView counts, RatesView rates, ResponseTimeView responseTime) {

    static MetricsView of(DeliveryReport report) {
        Counts c = report.counts();
        return new MetricsView(
                new CountsView(MessagesView.of(c), new EventsView(c.get(Counter.OPENS), c.get(Counter.MACHINE_OPENS),
                        c.get(Counter.CLICKS), c.get(Counter.UNKNOWN_EVENTS)), SurveyView.of(c)),
                RatesView.of(report),
                ResponseTimeView.of(report.responseTimes()));
    }

    @Schema(name = "Counts")
    record CountsView(
            @Schema(description = "Messages that first reached each stage within the range") MessagesView messages,
            @Schema(description = "Open, click and unknown provider events within the range") EventsView events,
            @Schema(description = "Survey funnel events within the range") SurveyView survey) {}

    @Schema(name = "MessageCounts")
    record MessagesView(
            long queued, long sent, long deferred, long softBounced, long dropped, long undelivered, long failed,
            long bounced, long delivered, long opened, long read, long clicked, long spamReported, long unsubscribed) {

        static MessagesView of(Counts c) {
            return new MessagesView(n(c, Stage.QUEUED), n(c, Stage.SENT), n(c, Stage.DEFERRED),
                    n(c, Stage.SOFT_BOUNCED), n(c, Stage.DROPPED), n(c, Stage.UNDELIVERED), n(c, Stage.FAILED),
                    n(c, Stage.BOUNCED), n(c, Stage.DELIVERED), n(c, Stage.OPENED), n(c, Stage.READ),
                    n(c, Stage.CLICKED), n(c, Stage.SPAM_REPORTED), n(c, Stage.UNSUBSCRIBED));
        }

        private static long n(Counts counts, Stage stage) {
            return counts.get(Counter.reached(stage));
        }
    }

    @Schema(name = "EventCounts")
    record EventsView(
            @Schema(description = "Opens by people") long opens,
            @Schema(description = "Opens the provider flags as automated (privacy proxies)") long machineOpens,
            long clicks,
            @Schema(description = "Events of a type this version does not know") long unknown) {}

    @Schema(name = "SurveyCounts")
    record SurveyView(StepView viewed, StepView started, StepView completed, StepView abandoned) {

        static SurveyView of(Counts c) {
            return new SurveyView(StepView.of(c, SurveyStep.VIEWED), StepView.of(c, SurveyStep.STARTED),
                    StepView.of(c, SurveyStep.COMPLETED), StepView.of(c, SurveyStep.ABANDONED));
        }
    }

    @Schema(name = "SurveyStepCounts")
    record StepView(
            @Schema(description = "Recipients who took the step, each counted once") long recipients,
            @Schema(description = "Every event of the step") long events) {

        static StepView of(Counts counts, SurveyStep step) {
            return new StepView(counts.get(step.uniqueCounter()), counts.get(step.totalCounter()));
        }
    }

    @Schema(name = "Rates", description = "Each rate is null when its denominator is 0")
    record RatesView(
            @Schema(description = "delivered / sent") @Nullable RateView delivery,
            @Schema(description = "(hard + soft bounces) / sent") @Nullable RateView bounce,
            @Schema(description = "hard bounces / sent") @Nullable RateView hardBounce,
            @Schema(description = "messages opened by a person / delivered") @Nullable RateView uniqueOpen,
            @Schema(description = "open events by people / delivered") @Nullable RateView totalOpen,
            @Schema(description = "automated opens / delivered") @Nullable RateView machineOpen,
            @Schema(description = "messages clicked / messages opened") @Nullable RateView click,
            @Schema(description = "messages read / delivered (WhatsApp)") @Nullable RateView read,
            @Schema(description = "recipients who viewed the survey / delivered") @Nullable RateView view,
            @Schema(description = "recipients who completed the survey / delivered") @Nullable RateView response) {

        static RatesView of(DeliveryReport r) {
            return new RatesView(RateView.of(r.deliveryRate()), RateView.of(r.bounceRate()),
                    RateView.of(r.hardBounceRate()), RateView.of(r.uniqueOpenRate()), RateView.of(r.totalOpenRate()),
                    RateView.of(r.machineOpenRate()), RateView.of(r.clickRate()), RateView.of(r.readRate()),
                    RateView.of(r.viewRate()), RateView.of(r.responseRate()));
        }
    }

    @Schema(name = "Rate")
    record RateView(
            @Schema(description = "numerator / denominator") double value, long numerator, long denominator) {

        static @Nullable RateView of(@Nullable Rate rate) {
            return rate == null ? null : new RateView(rate.value(), rate.numerator(), rate.denominator());
        }
    }

    @Schema(name = "ResponseTime", description = "Delivery to survey completion; null where nothing was completed."
            + " The mean is exact, quantiles within 1%.")
    record ResponseTimeView(
            long count, @Nullable Long meanMs, @Nullable Long p50Ms, @Nullable Long p90Ms, @Nullable Long p99Ms) {

        static ResponseTimeView of(ResponseTimes times) {
            return new ResponseTimeView(times.count(), ms(times.mean()), ms(times.p50()), ms(times.p90()),
                    ms(times.p99()));
        }

        private static @Nullable Long ms(@Nullable Duration duration) {
            return duration == null ? null : Math.round(duration.toNanos() / 1e6);
        }
    }
}
