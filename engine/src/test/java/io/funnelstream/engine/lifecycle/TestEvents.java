package io.funnelstream.engine.lifecycle;

import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Events and states of one message for lifecycle tests. */
final class TestEvents {

    static final TenantId TENANT = TenantId.of("7f1d3c52-9a0e-4b6f-8d2a-1c5e9f3b7a60");
    static final UUID MESSAGE = UUID.fromString("0b9c6a4e-3f2d-4e1a-9c8b-5d7e2f1a3b4c");
    static final Instant QUEUED_AT = Instant.parse("2026-11-02T09:00:00Z");

    private TestEvents() {}

    static Instant at(int seconds) {
        return QUEUED_AT.plusSeconds(seconds);
    }

    static Provider providerOf(Channel channel) {
        return switch (channel) {
            case EMAIL -> Provider.SENDGRID;
            case SMS -> Provider.TWILIO;
            case WHATSAPP -> Provider.META;
        };
    }

    static MessageState queued(Channel channel) {
        return queued(channel, providerOf(channel));
    }

    static MessageState queued(Channel channel, Provider provider) {
        return MessageState.initial(MESSAGE, TENANT, channel, provider, QUEUED_AT);
    }

    static MessageEvent event(Channel channel, String id, EventType type, Instant at) {
        return event(channel, providerOf(channel), id, type, at, null, null, null, false);
    }

    static MessageEvent failure(
            Channel channel, String id, EventType type, Instant at, @Nullable String reason, @Nullable String code) {
        return event(channel, providerOf(channel), id, type, at, null, reason, code, false);
    }

    static MessageEvent bounce(String id, @Nullable BounceClass bounceClass, Instant at, String reason) {
        return event(Channel.EMAIL, Provider.SENDGRID, id, EventType.BOUNCED, at, bounceClass, reason, "550", false);
    }

    static MessageEvent machineOpen(String id, Instant at) {
        return event(Channel.EMAIL, Provider.SENDGRID, id, EventType.OPENED, at, null, null, null, true);
    }

    static MessageEvent event(
            Channel channel,
            Provider provider,
            String id,
            EventType type,
            Instant at,
            @Nullable BounceClass bounceClass,
            @Nullable String reason,
            @Nullable String code,
            boolean machineOpen) {
        return new MessageEvent(
                TENANT,
                channel,
                provider,
                id,
                "provider-message-1",
                MESSAGE,
                type,
                at,
                at.plusSeconds(1),
                "someone@example.com",
                bounceClass,
                reason,
                code,
                type == EventType.CLICKED ? "https://example.com/survey" : null,
                machineOpen,
                type.slug());
    }
}
