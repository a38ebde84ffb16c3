package io.funnelstream.api.analytics;

import io.funnelstream.engine.analytics.ChannelReport;
import io.funnelstream.engine.analytics.DistributionPage;
import io.funnelstream.engine.analytics.DistributionReport;
import io.funnelstream.engine.analytics.DistributionRow;
import io.funnelstream.engine.analytics.FailureReason;
import io.funnelstream.engine.analytics.FunnelReport;
import io.funnelstream.engine.analytics.Overview;
import io.funnelstream.engine.analytics.TimeRange;
import io.funnelstream.engine.metrics.DeliveryReport;
import io.funnelstream.engine.metrics.Funnel;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The bodies of the analytics responses. */
final class ReportViews {

    private ReportViews() {}

    @Schema(name = "Overview")
    record OverviewView(
            RangeView range,
            MetricsView total,
            @Schema(description = "Per channel: email, sms, whatsapp") Map<String, MetricsView> channels,
            @Schema(description = "Per provider") Map<String, MetricsView> providers) {

        static OverviewView of(Overview o, TimeRange range) {
            return new OverviewView(RangeView.of(o.cover(), range), MetricsView.of(o.total()), byChannel(o.channels()),
                    byProvider(o.providers()));
        }
    }

    @Schema(name = "ChannelReport")
    record ChannelView(
            String channel,
            RangeView range,
            MetricsView total,
            @Schema(description = "Per provider carrying the channel") Map<String, MetricsView> providers) {

        static ChannelView of(ChannelReport c, TimeRange range) {
            return new ChannelView(c.channel().slug(), RangeView.of(c.cover(), range), MetricsView.of(c.total()),
                    byProvider(c.providers()));
        }
    }

    @Schema(name = "Filter")
    record FilterView(@Nullable String channel, @Nullable UUID distribution) {}

    @Schema(name = "FunnelReport")
    record FunnelView(RangeView range, FilterView filter, List<StepView> steps) {

        static FunnelView of(FunnelReport f, TimeRange range) {
            FilterView filter = new FilterView(f.slice().channel() == null ? null : f.slice().channel().slug(),
                    f.slice().distribution());
            return new FunnelView(RangeView.of(f.cover(), range), filter,
                    f.funnel().steps().stream().map(StepView::of).toList());
        }
    }

    @Schema(name = "FunnelStep")
    record StepView(
            @Schema(description = "sent, delivered, viewed, started or completed") String name,
            long count,
            @Schema(description = "count / previous step's count") MetricsView.@Nullable RateView fromPrevious,
            @Schema(description = "count / first step's count") MetricsView.@Nullable RateView fromFirst,
            @Schema(description = "previous step's count - count") long dropOff,
            @Schema(description = "dropOff / previous step's count") MetricsView.@Nullable RateView dropOffRate) {

        static StepView of(Funnel.Step s) {
            return new StepView(s.name(), s.count(), MetricsView.RateView.of(s.fromPrevious()),
                    MetricsView.RateView.of(s.fromFirst()), s.dropOff(), MetricsView.RateView.of(s.dropOffRate()));
        }
    }

    @Schema(name = "DistributionPage")
    record DistributionsView(
            RangeView range,
            String sort,
            int page,
            int size,
            long totalElements,
            long totalPages,
            @Schema(description = "True when the tenant has more distributions than one list ranks (the newest are)")
                    boolean truncated,
            List<DistributionSummaryView> items) {

        static DistributionsView of(DistributionPage p, TimeRange range) {
            return new DistributionsView(RangeView.of(p.cover(), range), p.sort().text(), p.page().page(),
                    p.page().size(), p.total(), p.totalPages(), p.truncated(),
                    p.items().stream().map(DistributionSummaryView::of).toList());
        }
    }

    @Schema(name = "DistributionSummary")
    record DistributionSummaryView(UUID id, String name, String status, Instant createdAt, MetricsView metrics) {

        static DistributionSummaryView of(DistributionRow row) {
            return new DistributionSummaryView(row.info().id(), row.info().name(), row.info().status(),
                    row.info().createdAt(), MetricsView.of(row.report()));
        }
    }

    @Schema(name = "DistributionReport")
    record DistributionView(
            UUID id,
            String name,
            String status,
            Instant createdAt,
            RangeView range,
            MetricsView total,
            Map<String, MetricsView> channels,
            Map<String, MetricsView> providers,
            TimelineView timeline,
            @Schema(description = "Failed or held-up messages by reason, most frequent first (at most 50)")
                    List<FailureView> failures) {

        static DistributionView of(DistributionReport d, TimeRange range) {
            return new DistributionView(d.info().id(), d.info().name(), d.info().status(), d.info().createdAt(),
                    RangeView.of(d.cover(), range), MetricsView.of(d.total()), byChannel(d.channels()),
                    byProvider(d.providers()), TimelineView.of(d.timeline()),
                    d.failures().stream().map(FailureView::of).toList());
        }
    }

    @Schema(name = "FailureReason")
    record FailureView(
            @Schema(description = "The messages' status now") String status,
            @Nullable String bounceClass,
            @Nullable String reason,
            @Nullable String errorCode,
            long messages) {

        static FailureView of(FailureReason f) {
            return new FailureView(f.status(), f.bounceClass(), f.reason(), f.errorCode(), f.messages());
        }
    }

    static Map<String, MetricsView> byChannel(Map<Channel, DeliveryReport> reports) {
        Map<String, MetricsView> out = new LinkedHashMap<>();
        reports.forEach((channel, report) -> out.put(channel.slug(), MetricsView.of(report)));
        return out;
    }

    static Map<String, MetricsView> byProvider(Map<Provider, DeliveryReport> reports) {
        Map<String, MetricsView> out = new LinkedHashMap<>();
        reports.forEach((provider, report) -> out.put(provider.slug(), MetricsView.of(report)));
        return out;
    }
}
