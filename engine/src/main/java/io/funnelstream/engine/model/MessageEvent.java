package io.funnelstream.engine.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One provider event in canonical form, whatever provider and channel it came from.
 *
 * @param tenant the tenant the webhook was addressed to
 * @param channel the channel of the message
 * @param provider who reported it
 * @param providerEventId unique per tenant and provider: the provider's own event id where it has one,
 *     otherwise derived from what identifies the event (e.g. Twilio's MessageSid + status + error code)
 * @param providerMessageId the provider's id of the message, normalised (no angle brackets, no SendGrid
 *     suffix), used to find our message
 * @param messageId our message id when the provider echoed it back (custom args, tags), else null
 * @param type what happened
 * @param occurredAt when it happened according to the provider, or when we received it if the provider
 *     sends no time
 * @param receivedAt when we received it
 * @param recipient the address or number the event concerns, if stated
 * @param bounceClass hard or soft, for bounces
 * @param reason a human-readable reason for failures and bounces
 * @param errorCode the provider's error code or SMTP status
 * @param url the clicked link, for clicks
 * @param machineOpen true when the provider flags an open as automated (e.g. mail privacy proxies)
 * @param rawType the provider's own name for the event, kept for unknown types
 */
public record MessageEvent(
        TenantId tenant,
        Channel channel,
        Provider provider,
        String providerEventId,
        String providerMessageId,
        @Nullable UUID messageId,
        EventType type,
        Instant occurredAt,
        Instant receivedAt,
        @Nullable String recipient,
        @Nullable BounceClass bounceClass,
        @Nullable String reason,
        @Nullable String errorCode,
        @Nullable String url,
        boolean machineOpen,
        String rawType) {

    public MessageEvent {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerEventId, "providerEventId");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(rawType, "rawType");
        if (providerEventId.isBlank()) {
            throw new IllegalArgumentException("providerEventId is blank");
        }
    }

    /** The stage this event reaches, if any. */
    public Optional<Stage> stage() {
        return type.stage(bounceClass == null ? BounceClass.HARD : bounceClass);
    }

    /** What makes two deliveries of this event the same event: a retry carries the same key. */
    public EventKey key() {
        return new EventKey(tenant, provider, providerEventId);
    }

    /** Identity of an event for deduplication: unique per tenant, provider and provider event id. */
    public record EventKey(TenantId tenant, Provider provider, String providerEventId) {}
}
