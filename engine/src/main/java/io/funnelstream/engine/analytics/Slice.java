package io.funnelstream.engine.analytics;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.rollup.Scope;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which of a tenant's messages a figure counts: all of them, or those matching every filter that is set.
 * Rollups keep one dimension at a time ({@link Scope}), so only some slices have a rollup {@link #scope()};
 * the others (say SMS through Twilio, or one distribution's e-mails) are counted from Postgres.
 *
 * @param channel only messages of this channel, if set
 * @param provider only messages of this provider, if set
 * @param distribution only messages of this distribution, if set
 */
public record Slice(@Nullable Channel channel, @Nullable Provider provider, @Nullable UUID distribution) {

    private static final Slice ALL = new Slice(null, null, null);

    public static Slice all() {
        return ALL;
    }

    public static Slice ofChannel(Channel channel) {
        return new Slice(channel, null, null);
    }

    public static Slice ofProvider(Provider provider) {
        return new Slice(null, provider, null);
    }

    public static Slice ofDistribution(UUID distribution) {
        return new Slice(null, null, distribution);
    }

    public Slice withChannel(@Nullable Channel value) {
        return new Slice(value, provider, distribution);
    }

    public Slice withProvider(@Nullable Provider value) {
        return new Slice(channel, value, distribution);
    }

    public Slice withDistribution(@Nullable UUID value) {
        return new Slice(channel, provider, value);
    }

    /**
     * The rollup scope that counts exactly this slice, if there is one: the slice's only filter, or the
     * provider when the channel is the only one the provider carries (e-mail through SendGrid is SendGrid).
     */
    public Optional<Scope> scope() {
        if (distribution != null) {
            boolean only = channel == null && provider == null;
            return only ? Optional.of(Scope.distribution(distribution)) : Optional.empty();
        }
        if (provider != null) {
            boolean implied = channel == null || provider.channels().equals(EnumSet.of(channel));
            return implied ? Optional.of(Scope.provider(provider)) : Optional.empty();
        }
        return Optional.of(channel == null ? Scope.all() : Scope.channel(channel));
    }
}
