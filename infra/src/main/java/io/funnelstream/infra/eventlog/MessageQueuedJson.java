package io.funnelstream.infra.eventlog;

import static io.funnelstream.infra.eventlog.JsonFields.putIfPresent;
import static io.funnelstream.infra.eventlog.JsonFields.uuid;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.ExperimentArm;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.infra.text.IsoInstants;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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

    static LogRecord.MessageQueued read(FlatJson n) {
        return new LogRecord.MessageQueued(
                TenantId.of(n.required("tenant")),
                UUID.fromString(n.required("messageId")),
                Channel.fromSlug(n.required("channel")).orElseThrow(() -> bad(n, "channel")),
                Provider.fromSlug(n.required("provider")).orElseThrow(() -> bad(n, "provider")),
                n.optional("providerMessageId"),
                uuid(n.optional("distributionId")),
                uuid(n.optional("surveyId")),
                uuid(n.optional("recipientId")),
                IsoInstants.parse(n.required("queuedAt")),
                arm(n));
    }

    /** The variant a message was sent under; records written before variants existed have none. */
    private static @Nullable ExperimentArm arm(FlatJson n) {
        FlatJson a = n.object("arm");
        if (a == null) {
            return null;
        }
        Boolean inTest = a.bool("inTest");
        if (inTest == null) {
            throw new IllegalArgumentException("missing arm.inTest");
        }
        return new ExperimentArm(UUID.fromString(a.required("experimentId")), a.required("variant"), inTest);
    }

    private static IllegalArgumentException bad(FlatJson n, String field) {
        return new IllegalArgumentException("unknown " + field + " '" + n.optional(field) + "'");
    }
}
