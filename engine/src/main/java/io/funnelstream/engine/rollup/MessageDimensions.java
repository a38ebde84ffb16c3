package io.funnelstream.engine.rollup;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.ExperimentArm;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a message is counted under: its tenant, channel and provider, its distribution and survey when known, and
 * the experiment variant it was sent under, if any. A message contributes to {@link Scope#all()} and to the scope of
 * each of these (the variant's only when the message is in the experiment's test audience).
 *
 * @param tenant the tenant
 * @param channel the channel
 * @param provider the provider; must carry the channel
 * @param distributionId the distribution that sent it, if known
 * @param surveyId the survey it leads to, if known
 * @param arm the experiment variant it was sent under, if any
 */
public record MessageDimensions(
        TenantId tenant,
        Channel channel,
        Provider provider,
        @Nullable UUID distributionId,
        @Nullable UUID surveyId,
        @Nullable ExperimentArm arm) {

    public MessageDimensions {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(provider, "provider");
        if (!provider.carries(channel)) {
            throw new IllegalArgumentException(provider + " does not carry " + channel);
        }
    }

    /** A message sent under no experiment. */
    public MessageDimensions(
            TenantId tenant, Channel channel, Provider provider, @Nullable UUID distributionId,
            @Nullable UUID surveyId) {
        this(tenant, channel, provider, distributionId, surveyId, null);
    }

    /**
     * The scopes the message counts in: all, its channel, its provider, then distribution, survey and the variant
     * of a test-audience message.
     */
    public List<Scope> scopes() {
        List<Scope> scopes = new ArrayList<>(6);
        scopes.add(Scope.all());
        scopes.add(Scope.channel(channel));
        scopes.add(Scope.provider(provider));
        if (distributionId != null) {
            scopes.add(Scope.distribution(distributionId));
        }
        if (surveyId != null) {
            scopes.add(Scope.survey(surveyId));
        }
        if (arm != null && arm.inTest()) {
            scopes.add(Scope.variant(arm.experimentId(), arm.variant()));
        }
        return List.copyOf(scopes);
    }
}
