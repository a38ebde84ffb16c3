package io.funnelstream.engine.analytics;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import java.util.Objects;

/**
 * A channel and a provider together: every message travels exactly one route, so the counts of a slice split by
 * route add up to the slice, and any channel or provider refinement of it is a sum of routes.
 *
 * @param channel the channel
 * @param provider the provider carrying it
 */
public record Route(Channel channel, Provider provider) {

    public Route {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(provider, "provider");
    }

    /** True when messages of this route belong to the slice's channel and provider (its distribution aside). */
    boolean within(Slice slice) {
        return (slice.channel() == null || slice.channel() == channel)
                && (slice.provider() == null || slice.provider() == provider);
    }
}
