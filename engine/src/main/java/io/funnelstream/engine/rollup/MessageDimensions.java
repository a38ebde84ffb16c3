package io.funnelstream.engine.rollup;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a message is counted under: its tenant, channel and provider, and its distribution and survey when
 * known. A message contributes to {@link Scope#all()} and to the scope of each of these.
 *
 * @param tenant the tenant
 * @param channel the channel
 * @param provider the provider; must carry the channel
 * @param distributionId the distribution that sent it, if known
 * @param surveyId the survey it leads to, if known
 */
public record MessageDimensions(
        TenantId tenant,
        Channel channel,
        Provider provider,
        @Nullable UUID distributionId,
        @Nullable UUID surveyId) {

    public MessageDimensions {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(provider, "provider");
        if (!provider.carries(channel)) {
            throw new IllegalArgumentException(provider + " does not carry " + channel);
        }
    }

    /** The scopes the message counts in: all, its channel, its provider, then distribution and survey. */
    public List<Scope> scopes() {
        if (distributionId == null && surveyId == null) {
            return List.of(Scope.all(), Scope.channel(channel), Scope.provider(provider));
        }
        if (surveyId == null) {
            return List.of(
                    Scope.all(), Scope.channel(channel), Scope.provider(provider), Scope.distribution(distributionId));
        }
        if (distributionId == null) {
            return List.of(Scope.all(), Scope.channel(channel), Scope.provider(provider), Scope.survey(surveyId));
        }
        return List.of(
                Scope.all(),
                Scope.channel(channel),
                Scope.provider(provider),
                Scope.distribution(distributionId),
                Scope.survey(surveyId));
    }
}
