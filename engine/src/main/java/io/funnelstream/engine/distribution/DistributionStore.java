package io.funnelstream.engine.distribution;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where a tenant's surveys, distributions, their recipients and the tenant's provider per channel are kept. */
public interface DistributionStore {

    /** Creates a survey; emits its id. */
    Mono<UUID> createSurvey(TenantId tenant, String title, String link);

    /** Creates a draft distribution; emits its id, or nothing when the survey does not exist in the tenant. */
    Mono<UUID> create(TenantId tenant, DistributionSpec spec);

    /**
     * Adds recipients, each with its queued message in the outbox, batch by batch in one transaction (all or
     * none): a list of any length passes through without being held whole. Emits how many were added; errors
     * with {@link IllegalStateException} when the distribution is cancelled or completed.
     */
    Mono<Long> addRecipients(TenantId tenant, UUID distributionId, Flux<List<Recipient>> batches);

    /** The distribution and its counts, or nothing when there is none with this id in the tenant. */
    Mono<DistributionStatus> status(TenantId tenant, UUID distributionId);

    /** Applies the action if the distribution's status allows it; emits whether it did. */
    Mono<Boolean> change(TenantId tenant, UUID distributionId, Action action, Instant now);

    /** Chooses the provider that sends the tenant's messages of a channel. */
    Mono<Void> chooseProvider(TenantId tenant, Channel channel, Provider provider);

    /** The tenant's provider of each channel that has one. */
    Mono<Map<Channel, Provider>> providers(TenantId tenant);

    /** What can be done to a distribution. */
    enum Action {
        /** draft or paused: running (or scheduled, when its time has not come). */
        START,
        /** running or scheduled: paused; messages in flight finish, no new ones start. */
        PAUSE,
        /** anything not finished: cancelled; its queued messages are never sent. */
        CANCEL
    }
}
