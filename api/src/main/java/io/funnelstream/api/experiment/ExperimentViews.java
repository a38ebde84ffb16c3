package io.funnelstream.api.experiment;

import io.funnelstream.engine.experiment.Comparison;
import io.funnelstream.engine.experiment.Experiment;
import io.funnelstream.engine.experiment.ExperimentDesign;
import io.funnelstream.engine.experiment.ExperimentResults;
import io.funnelstream.engine.experiment.Variant;
import io.funnelstream.engine.experiment.VariantResult;
import io.funnelstream.engine.experiment.stats.ChiSquareResult;
import io.funnelstream.engine.experiment.stats.Interval;
import io.funnelstream.engine.experiment.stats.SampleRatio;
import io.funnelstream.engine.experiment.stats.SampleSize;
import io.funnelstream.engine.experiment.stats.SequentialTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What the experiments API answers, as JSON. */
final class ExperimentViews {

    private ExperimentViews() {}

    record ExperimentView(
            UUID id,
            UUID distributionId,
            String name,
            String status,
            String metric,
            double alpha,
            double power,
            double minimumDetectableEffect,
            long maxSamplePerArm,
            double testShare,
            @Nullable Instant deadline,
            List<VariantView> variants,
            @Nullable String winner,
            @Nullable String winnerReason,
            Instant createdAt) {

        static ExperimentView of(Experiment e) {
            ExperimentDesign d = e.design();
            return new ExperimentView(e.id(), d.distribution(), d.name(), e.status().slug(), d.metric().slug(),
                    d.alpha(), d.power(), d.minimumDetectableEffect(), d.maxSamplePerArm(), d.testShare(),
                    d.deadline(), d.variants().stream().map(VariantView::of).toList(), e.winner(), e.winnerReason(),
                    e.createdAt());
        }
    }

    record VariantView(String key, double weight, Map<String, String> settings) {
        static VariantView of(Variant v) {
            return new VariantView(v.key(), v.weight(), v.settings());
        }
    }

    record IntervalView(double lower, double upper) {
        static IntervalView of(Interval i) {
            return new IntervalView(i.lower(), i.upper());
        }
    }

    record VariantResultView(String key, double weight, long assigned, long trials, long successes, double rate,
            IntervalView wilson95, IntervalView wilson99) {
        static VariantResultView of(VariantResult v) {
            return new VariantResultView(v.variant(), v.weight(), v.assigned(), v.outcome().trials(),
                    v.outcome().successes(), v.rate(), IntervalView.of(v.wilson95()), IntervalView.of(v.wilson99()));
        }
    }

    record SequentialView(double pValue, IntervalView alwaysValidInterval, boolean minimumCountsReached,
            boolean significant) {
        static SequentialView of(SequentialTest s) {
            return new SequentialView(s.pValue(), IntervalView.of(s.interval()), s.minimumReached(), s.significant());
        }
    }

    record ComparisonView(String variant, String control, double difference, IntervalView newcombe95,
            IntervalView newcombe99, IntervalView wald95, double z, double zPValue, SequentialView sequential) {
        static ComparisonView of(Comparison c) {
            return new ComparisonView(c.variant(), c.control(), c.difference(), IntervalView.of(c.newcombe95()),
                    IntervalView.of(c.newcombe99()), IntervalView.of(c.wald95()), c.zTest().z(), c.zTest().pValue(),
                    SequentialView.of(c.sequential()));
        }
    }

    record ChiSquareView(double statistic, int degreesOfFreedom, double pValue, boolean yatesCorrected) {
        static ChiSquareView of(ChiSquareResult r) {
            return new ChiSquareView(r.statistic(), r.degreesOfFreedom(), r.pValue(), r.yatesCorrected());
        }
    }

    record SampleRatioView(double statistic, double pValue, double threshold, boolean mismatch) {
        static SampleRatioView of(SampleRatio s) {
            return new SampleRatioView(s.test().statistic(), s.test().pValue(), SampleRatio.THRESHOLD, s.mismatch());
        }
    }

    record DecisionView(String decision, @Nullable String winner, String reason) {}

    record ResultsView(
            ExperimentView experiment,
            List<VariantResultView> variants,
            List<ComparisonView> comparisons,
            ChiSquareView chiSquare,
            SampleRatioView sampleRatio,
            DecisionView recommendation,
            Instant computedAt) {

        static ResultsView of(ExperimentResults r) {
            var rec = r.recommendation();
            return new ResultsView(ExperimentView.of(r.experiment()),
                    r.variants().stream().map(VariantResultView::of).toList(),
                    r.comparisons().stream().map(ComparisonView::of).toList(),
                    ChiSquareView.of(r.chiSquare()), SampleRatioView.of(r.sampleRatio()),
                    new DecisionView(rec.decision().name().toLowerCase(java.util.Locale.ROOT), rec.winner(),
                            rec.reason()),
                    r.computedAt());
        }
    }

    record SampleSizeView(double baseline, double minimumDetectableEffect, double alpha, double power,
            long perArmPooledVariance, long perArmCohensH) {
        static SampleSizeView of(double baseline, double effect, double alpha, double power, SampleSize size) {
            return new SampleSizeView(baseline, effect, alpha, power, size.pooledVariance(), size.cohensH());
        }
    }
}
