package io.funnelstream.engine.send;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.ExperimentArm;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One outbox row a worker holds a lease on, with what it takes to render and send it.
 *
 * @param messageId the message's id (the outbox row's id), also the idempotency key
 * @param tenant the tenant
 * @param distributionId the distribution sending it
 * @param recipientId the recipient
 * @param surveyId the survey it leads to
 * @param channel the channel chosen for the recipient
 * @param address the recipient's address on that channel
 * @param provider the provider the tenant chose for the channel, or null when none is chosen
 * @param attempt which attempt this is (1 for the first)
 * @param template the template to render: the distribution's, or its variant's once the sender applied one
 * @param surveyLink the survey's link, before personalisation
 * @param locale the recipient's locale, if known
 * @param fields the recipient's custom fields
 * @param suppressed why the recipient must not be sent to (opted out, hard bounce, complaint, unsubscribed), or null
 * @param queuedAt when the message was queued (the row was created)
 * @param leaseUntil until when the worker holds it; no send may start after this less the send timeout
 * @param reach how the recipient can be reached on each channel (its own included), for a variant that moves the
 *     message to another channel ({@link #on(Channel)})
 * @param arm the experiment variant it is sent under, once the sender knows it (null when claimed)
 */
public record ClaimedSend(
        UUID messageId,
        TenantId tenant,
        UUID distributionId,
        UUID recipientId,
        UUID surveyId,
        Channel channel,
        String address,
        @Nullable Provider provider,
        int attempt,
        MessageTemplate template,
        String surveyLink,
        @Nullable String locale,
        Map<String, String> fields,
        @Nullable String suppressed,
        Instant queuedAt,
        Instant leaseUntil,
        Map<Channel, ChannelReach> reach,
        @Nullable ExperimentArm arm) {

    /** A row as claimed, reachable on its own channel only: no variant known yet. */
    public ClaimedSend(UUID messageId, TenantId tenant, UUID distributionId, UUID recipientId, UUID surveyId,
            Channel channel, String address, @Nullable Provider provider, int attempt, MessageTemplate template,
            String surveyLink, @Nullable String locale, Map<String, String> fields, @Nullable String suppressed,
            Instant queuedAt, Instant leaseUntil) {
        this(messageId, tenant, distributionId, recipientId, surveyId, channel, address, provider, attempt, template,
                surveyLink, locale, fields, suppressed, queuedAt, leaseUntil,
                Map.of(channel, new ChannelReach(address, provider, suppressed)), null);
    }

    /** A row as claimed, with how its recipient can be reached on every channel: no variant known yet. */
    public ClaimedSend(UUID messageId, TenantId tenant, UUID distributionId, UUID recipientId, UUID surveyId,
            Channel channel, String address, @Nullable Provider provider, int attempt, MessageTemplate template,
            String surveyLink, @Nullable String locale, Map<String, String> fields, @Nullable String suppressed,
            Instant queuedAt, Instant leaseUntil, Map<Channel, ChannelReach> reach) {
        this(messageId, tenant, distributionId, recipientId, surveyId, channel, address, provider, attempt, template,
                surveyLink, locale, fields, suppressed, queuedAt, leaseUntil, reach, null);
    }

    public ClaimedSend {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(surveyLink, "surveyLink");
        fields = Map.copyOf(fields);
        reach = Map.copyOf(reach);
    }

    /** The same send under {@code arm}, with {@code template} in place of the distribution's. */
    public ClaimedSend under(ExperimentArm arm, MessageTemplate template) {
        return new ClaimedSend(messageId, tenant, distributionId, recipientId, surveyId, channel, address, provider,
                attempt, template, surveyLink, locale, fields, suppressed, queuedAt, leaseUntil, reach, arm);
    }

    /**
     * The same send moved to {@code target}: the recipient's address there, the tenant's provider for it and the
     * suppression that applies to that address. A recipient without an address on {@code target} gets an empty
     * address ({@link #reachable()} is false): the message is not sendable there.
     */
    public ClaimedSend on(Channel target) {
        if (target == channel) {
            return this;
        }
        ChannelReach there = reach.getOrDefault(target, ChannelReach.NONE);
        String to = there.address();
        return new ClaimedSend(messageId, tenant, distributionId, recipientId, surveyId, target, to == null ? "" : to,
                there.provider(), attempt, template, surveyLink, locale, fields, there.suppressed(), queuedAt,
                leaseUntil, reach, arm);
    }

    /** Whether the recipient has an address on this send's channel. */
    public boolean reachable() {
        return !address.isEmpty();
    }
}
