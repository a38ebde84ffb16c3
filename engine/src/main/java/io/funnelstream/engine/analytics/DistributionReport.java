package io.funnelstream.engine.analytics;

import io.funnelstream.engine.metrics.DeliveryReport;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A deep-dive into one distribution over a range.
 *
 * @param cover the range the totals and breakdowns cover
 * @param info which distribution
 * @param total all its messages
 * @param channels its messages per channel
 * @param providers its messages per provider
 * @param timeline its metrics bucket by bucket
 * @param failures its failed or held-up messages by reason, most frequent first
 */
public record DistributionReport(
        Cover cover,
        DistributionInfo info,
        DeliveryReport total,
        Map<Channel, DeliveryReport> channels,
        Map<Provider, DeliveryReport> providers,
        Timeline timeline,
        List<FailureReason> failures) {

    public DistributionReport {
        Objects.requireNonNull(cover, "cover");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(timeline, "timeline");
        channels = EnumMaps.copy(Channel.class, channels);
        providers = EnumMaps.copy(Provider.class, providers);
        failures = List.copyOf(failures);
    }
}
