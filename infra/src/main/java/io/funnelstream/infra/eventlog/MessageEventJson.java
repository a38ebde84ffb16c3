package io.funnelstream.infra.eventlog;

import static io.funnelstream.infra.eventlog.JsonFields.putIfPresent;

import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.infra.text.IsoInstants;
import java.util.Locale;
import java.util.UUID;
import tools.jackson.core.JsonGenerator;

/**
 * {@code message.v1}: a {@link MessageEvent} as JSON with explicit field names, independent of the Java record.
 * Enums are written as their lower-case slugs, instants as ISO-8601 (nanosecond precision kept), absent optional
 * fields are left out. An event type this version does not know reads as {@link EventType#UNKNOWN}.
 */
final class MessageEventJson {

    private MessageEventJson() {}

    static void write(JsonGenerator g, MessageEvent e) {
        g.writeStartObject();
        g.writeStringProperty("tenant", e.tenant().toString());
        g.writeStringProperty("channel", e.channel().slug());
        g.writeStringProperty("provider", e.provider().slug());
        g.writeStringProperty("providerEventId", e.providerEventId());
        g.writeStringProperty("providerMessageId", e.providerMessageId());
        putIfPresent(g, "messageId", e.messageId());
        g.writeStringProperty("type", e.type().slug());
        g.writeStringProperty("occurredAt", IsoInstants.format(e.occurredAt()));
        g.writeStringProperty("receivedAt", IsoInstants.format(e.receivedAt()));
        putIfPresent(g, "recipient", e.recipient());
        putIfPresent(g, "bounceClass", e.bounceClass() == null ? null : slug(e.bounceClass()));
        putIfPresent(g, "reason", e.reason());
        putIfPresent(g, "errorCode", e.errorCode());
        putIfPresent(g, "url", e.url());
        if (e.machineOpen()) {
            g.writeBooleanProperty("machineOpen", true);
        }
        g.writeStringProperty("rawType", e.rawType());
        g.writeEndObject();
    }

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

    private static String slug(BounceClass c) {
        return c.name().toLowerCase(Locale.ROOT);
    }

    private static IllegalArgumentException bad(FlatJson n, String field) {
        return new IllegalArgumentException("unknown " + field + " '" + n.optional(field) + "'");
    }
}
