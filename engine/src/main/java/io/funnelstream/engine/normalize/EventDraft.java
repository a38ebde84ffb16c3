package io.funnelstream.engine.normalize;

import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.webhook.WebhookRequest;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A {@link MessageEvent} being assembled; tenant and receipt time come from the request. */
final class EventDraft {

    private final WebhookRequest request;
    private final Provider provider;
    private Channel channel;
    private @Nullable String providerEventId;
    private @Nullable String providerMessageId;
    private @Nullable UUID messageId;
    private EventType type = EventType.UNKNOWN;
    private @Nullable Instant occurredAt;
    private @Nullable String recipient;
    private @Nullable BounceClass bounceClass;
    private @Nullable String reason;
    private @Nullable String errorCode;
    private @Nullable String url;
    private boolean machineOpen;
    private String rawType = "";

    private EventDraft(WebhookRequest request, Provider provider, Channel channel) {
        this.request = request;
        this.provider = provider;
        this.channel = channel;
    }

    static EventDraft of(WebhookRequest request, Provider provider, Channel channel) {
        return new EventDraft(request, provider, channel);
    }

    EventDraft channel(Channel value) {
        channel = value;
        return this;
    }

    EventDraft ids(String eventId, String providerMessage) {
        providerEventId = eventId;
        providerMessageId = providerMessage;
        return this;
    }

    EventDraft messageId(@Nullable UUID value) {
        messageId = value;
        return this;
    }

    EventDraft type(EventType value, String raw) {
        type = value;
        rawType = raw;
        return this;
    }

    EventDraft occurredAt(Instant value) {
        occurredAt = value;
        return this;
    }

    EventDraft recipient(@Nullable String value) {
        recipient = value;
        return this;
    }

    EventDraft bounce(BounceClass value) {
        bounceClass = value;
        return this;
    }

    EventDraft failure(@Nullable String why, @Nullable String code) {
        reason = why;
        errorCode = code;
        return this;
    }

    EventDraft url(@Nullable String value) {
        url = value;
        return this;
    }

    EventDraft machineOpen(boolean value) {
        machineOpen = value;
        return this;
    }

    MessageEvent build() {
        if (providerEventId == null || providerEventId.isBlank() || providerMessageId == null) {
            throw new Malformed("event without ids");
        }
        return new MessageEvent(request.tenant(), channel, provider, providerEventId, providerMessageId,
                messageId, type, occurredAt == null ? request.receivedAt() : occurredAt, request.receivedAt(),
                recipient, bounceClass, reason, errorCode, url, machineOpen, rawType);
    }
}
