package io.funnelstream.engine.analytics;

import io.funnelstream.engine.metrics.DeliveryReport;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import java.util.Map;
import java.util.Objects;

/**
 * Every metric of one channel over a range, and per provider that carries the channel.
 *
 * @param cover the range the figures cover
 * @param channel the channel
 * @param total all the channel's messages
 * @param providers the channel's messages per provider carrying it
 */
public record ChannelReport(
        Cover cover, Channel channel, DeliveryReport total, Map<Provider, DeliveryReport> providers) {

    public ChannelReport {
        Objects.requireNonNull(cover, "cover");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(total, "total");
        providers = EnumMaps.copy(Provider.class, providers);
    }
}
