package io.funnelstream.infra.eventlog;

import static io.funnelstream.infra.eventlog.JsonFields.optional;
import static io.funnelstream.infra.eventlog.JsonFields.putIfPresent;
import static io.funnelstream.infra.eventlog.JsonFields.required;
import static io.funnelstream.infra.eventlog.JsonFields.uuid;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.ExperimentArm;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.infra.text.IsoInstants;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code message-queued.v1}: a {@link LogRecord.MessageQueued} as JSON with explicit field names; enums as their
 * slugs, the time as ISO-8601, absent optional fields left out; the variant a message was sent under as
 * {@code "arm": {"experimentId", "variant", "inTest"}}.
 */
final class MessageQueuedJson {

    private MessageQueuedJson() {}

    static ObjectNode write(ObjectNode n, LogRecord.MessageQueued m) {
        n.put("tenant", m.tenant().toString());
        n.put("messageId", m.messageId().toString());
        n.put("channel", m.channel().slug());
        n.put("provider", m.provider().slug());
        putIfPresent(n, "providerMessageId", m.providerMessageId());
        putIfPresent(n, "distributionId", m.distributionId());
        putIfPresent(n, "surveyId", m.surveyId());
        putIfPresent(n, "recipientId", m.recipientId());
        n.put("queuedAt", IsoInstants.format(m.queuedAt()));
        ExperimentArm arm = m.arm();
        if (arm != null) {
            ObjectNode a = n.putObject("arm");
            a.put("experimentId", arm.experimentId().toString());
            a.put("variant", arm.variant());
            a.put("inTest", arm.inTest());
        }
        return n;
    }

    static LogRecord.MessageQueued read(JsonNode n) {
        return new LogRecord.MessageQueued(
                TenantId.of(required(n, "tenant")),
                UUID.fromString(required(n, "messageId")),
                Channel.fromSlug(required(n, "channel")).orElseThrow(() -> bad(n, "channel")),
                Provider.fromSlug(required(n, "provider")).orElseThrow(() -> bad(n, "provider")),
                optional(n, "providerMessageId"),
                uuid(optional(n, "distributionId")),
                uuid(optional(n, "surveyId")),
                uuid(optional(n, "recipientId")),
                IsoInstants.parse(required(n, "queuedAt")),
                arm(n.get("arm")));
    }

    /** The variant a message was sent under; records written before variants existed have none. */
    private static @Nullable ExperimentArm arm(@Nullable JsonNode a) {
        if (a == null || a.isNull()) {
            return null;
        }
        JsonNode inTest = a.get("inTest");
        if (inTest == null || !inTest.isBoolean()) {
            throw new IllegalArgumentException("missing arm.inTest");
        }
        return new ExperimentArm(UUID.fromString(required(a, "experimentId")), required(a, "variant"),
                inTest.booleanValue());
    }

    private static IllegalArgumentException bad(JsonNode n, String field) {
        return new IllegalArgumentException("unknown " + field + " '" + n.path(field).asString() + "'");
    }
}
