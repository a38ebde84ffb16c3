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
import tools.jackson.core.JsonGenerator;

/**
 * {@code message-queued.v1}: a {@link LogRecord.MessageQueued} as JSON with explicit field names; enums as their
 * slugs, the time as ISO-8601, absent optional fields left out; the variant a message was sent under as
 * {@code "arm": {"experimentId", "variant", "inTest"}}.
 */
final class MessageQueuedJson {

    private MessageQueuedJson() {}

    static void write(JsonGenerator g, LogRecord.MessageQueued m) {
        g.writeStartObject();
        g.writeStringProperty("tenant", m.tenant().toString());
        g.writeStringProperty("messageId", m.messageId().toString());
        g.writeStringProperty("channel", m.channel().slug());
        g.writeStringProperty("provider", m.provider().slug());
        putIfPresent(g, "providerMessageId", m.providerMessageId());
        putIfPresent(g, "distributionId", m.distributionId());
        putIfPresent(g, "surveyId", m.surveyId());
        putIfPresent(g, "recipientId", m.recipientId());
        g.writeStringProperty("queuedAt", IsoInstants.format(m.queuedAt()));
        ExperimentArm arm = m.arm();
        if (arm != null) {
            g.writeName("arm");
            g.writeStartObject();
            g.writeStringProperty("experimentId", arm.experimentId().toString());
            g.writeStringProperty("variant", arm.variant());
            g.writeBooleanProperty("inTest", arm.inTest());
            g.writeEndObject();
        }
        g.writeEndObject();
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
