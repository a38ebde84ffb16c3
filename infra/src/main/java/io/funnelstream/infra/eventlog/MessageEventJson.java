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
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code message.v1}: a {@link MessageEvent} as JSON with explicit field names, independent of the Java record.
 * Enums are written as their lower-case slugs, instants as ISO-8601 (nanosecond precision kept), absent optional
 * fields are left out. An event type this version does not know reads as {@link EventType#UNKNOWN}.
 */
final class MessageEventJson {

    private MessageEventJson() {}

    static ObjectNode write(ObjectNode n, MessageEvent e) {
        n.put("tenant", e.tenant().toString());
        n.put("channel", e.channel().slug());
        n.put("provider", e.provider().slug());
        n.put("providerEventId", e.providerEventId());
        n.put("providerMessageId", e.providerMessageId());
        putIfPresent(n, "messageId", e.messageId() == null ? null : e.messageId().toString());
        n.put("type", e.type().slug());
        n.put("occurredAt", IsoInstants.format(e.occurredAt()));
        n.put("receivedAt", IsoInstants.format(e.receivedAt()));
        putIfPresent(n, "recipient", e.recipient());
        putIfPresent(n, "bounceClass", e.bounceClass() == null ? null : slug(e.bounceClass()));
        putIfPresent(n, "reason", e.reason());
        putIfPresent(n, "errorCode", e.errorCode());
        putIfPresent(n, "url", e.url());
        if (e.machineOpen()) {
            n.put("machineOpen", true);
        }
        n.put("rawType", e.rawType());
        return n;
    }

    static MessageEvent read(JsonNode n) {
        String messageId = optional(n, "messageId");
        String bounceClass = optional(n, "bounceClass");
        return new MessageEvent(
                TenantId.of(required(n, "tenant")),
                Channel.fromSlug(required(n, "channel")).orElseThrow(() -> bad(n, "channel")),
                Provider.fromSlug(required(n, "provider")).orElseThrow(() -> bad(n, "provider")),
                required(n, "providerEventId"),
                required(n, "providerMessageId"),
                messageId == null ? null : UUID.fromString(messageId),
                eventType(required(n, "type")),
                IsoInstants.parse(required(n, "occurredAt")),
                IsoInstants.parse(required(n, "receivedAt")),
                optional(n, "recipient"),
                bounceClass == null ? null : BounceClass.valueOf(bounceClass.toUpperCase(Locale.ROOT)),
                optional(n, "reason"),
                optional(n, "errorCode"),
                optional(n, "url"),
                n.path("machineOpen").asBoolean(false),
                required(n, "rawType"));
    }

    private static EventType eventType(String slug) {
        return EventType.fromSlug(slug).orElse(EventType.UNKNOWN);
    }

    private static String slug(BounceClass c) {
        return c.name().toLowerCase(Locale.ROOT);
    }

    private static void putIfPresent(ObjectNode n, String field, @Nullable String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static String required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isString()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return v.stringValue();
    }

    private static @Nullable String optional(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.stringValue();
    }

    private static IllegalArgumentException bad(JsonNode n, String field) {
        return new IllegalArgumentException("unknown " + field + " '" + n.path(field).asString() + "'");
    }
}
