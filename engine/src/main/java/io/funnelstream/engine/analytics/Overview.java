package io.funnelstream.engine.analytics;

import io.funnelstream.engine.metrics.DeliveryReport;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import java.util.Map;
import java.util.Objects;

/**
 * Every metric of a range, over all channels and per channel and provider.
 *
 * @param cover the range the figures cover
 * @param total all messages
 * @param channels per channel, every channel present
 * @param providers per provider, every provider present
 */
public record Overview(
        Cover cover,
        DeliveryReport total,
        Map<Channel, DeliveryReport> channels,
        Map<Provider, DeliveryReport> providers) {

    public Overview {
        Objects.requireNonNull(cover, "cover");
        Objects.requireNonNull(total, "total");
        channels = EnumMaps.copy(Channel.class, channels);
        providers = EnumMaps.copy(Provider.class, providers);
    }
}
