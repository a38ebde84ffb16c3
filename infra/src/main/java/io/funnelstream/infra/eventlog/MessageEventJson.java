package io.funnelstream.infra.eventlog;

import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.infra.text.IsoInstants;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code message.v1}, read only (records are written as {@code message.v2} now, {@link MessageEventBinary}): a
 * {@link MessageEvent} as JSON with explicit field names, independent of the Java record.
 * Enums are written as their lower-case slugs, instants as ISO-8601 (nanosecond precision kept), absent optional
 * fields are left out. An event type this version does not know reads as {@link EventType#UNKNOWN}.
 */
final class MessageEventJson {

    private MessageEventJson() {}

    static MessageEvent read(FlatJson n) {
        String messageId = n.optional("messageId");
        String bounceClass = n.optional("bounceClass");
        return new MessageEvent(
                TenantId.of(n.required("tenant")),
                Channel.fromSlug(n.required("channel")).orElseThrow(() -> bad(n, "channel")),
                Provider.fromSlug(n.required("provider")).orElseThrow(() -> bad(n, "provider")),
                n.required("providerEventId"),
                n.required("providerMessageId"),
                messageId == null ? null : UUID.fromString(messageId),
                eventType(n.required("type")),
                IsoInstants.parse(n.required("occurredAt")),
                IsoInstants.parse(n.required("receivedAt")),
                n.optional("recipient"),
                bounceClass == null ? null : BounceClass.valueOf(bounceClass.toUpperCase(Locale.ROOT)),
                n.optional("reason"),
                n.optional("errorCode"),
                n.optional("url"),
                n.flag("machineOpen"),
                n.required("rawType"));
    }

    private static EventType eventType(String slug) {
        return EventType.fromSlug(slug).orElse(EventType.UNKNOWN);
    }

    private static IllegalArgumentException bad(FlatJson n, String field) {
        return new IllegalArgumentException("unknown " + field + " '" + n.optional(field) + "'");
    }
}
