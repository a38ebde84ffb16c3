package io.funnelstream.engine.send;

import io.funnelstream.engine.model.Provider;
import org.jspecify.annotations.Nullable;

/**
 * How a claimed send's recipient can be reached on one channel: what a variant that moves the message to that
 * channel needs to send it.
 *
 * @param address the recipient's address on the channel, or null when it has none
 * @param provider the provider the tenant chose for the channel, or null when none is chosen
 * @param suppressed why the address must not be sent to (opted out, hard bounce, complaint, unsubscribed), or null
 */
public record ChannelReach(@Nullable String address, @Nullable Provider provider, @Nullable String suppressed) {

    /** No address, no provider. */
    public static final ChannelReach NONE = new ChannelReach(null, null, null);
}
