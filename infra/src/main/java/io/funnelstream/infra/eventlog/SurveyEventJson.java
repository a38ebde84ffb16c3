package io.funnelstream.infra.eventlog;

import static io.funnelstream.infra.eventlog.JsonFields.optional;
import static io.funnelstream.infra.eventlog.JsonFields.putIfPresent;
import static io.funnelstream.infra.eventlog.JsonFields.required;
import static io.funnelstream.infra.eventlog.JsonFields.uuid;

import io.funnelstream.engine.model.SurveyEvent;
import io.funnelstream.engine.model.SurveyEventType;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.infra.text.IsoInstants;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.core.JsonGenerator;

/**
 * {@code survey.v1}: a {@link LogRecord.Survey} as JSON with explicit field names; the type as its slug, times as
 * ISO-8601, device data as an object of strings, absent optional fields left out.
 */
final class SurveyEventJson {

    private SurveyEventJson() {}

    static void write(JsonGenerator g, SurveyEvent e) {
        g.writeStartObject();
        g.writeStringProperty("tenant", e.tenant().toString());
        g.writeStringProperty("messageId", e.messageId().toString());
        putIfPresent(g, "recipientId", e.recipientId());
        putIfPresent(g, "distributionId", e.distributionId());
        putIfPresent(g, "surveyId", e.surveyId());
        g.writeStringProperty("type", e.type().slug());
        if (e.questionIndex() != null) {
            g.writeNumberProperty("questionIndex", e.questionIndex().intValue());
        }
        g.writeStringProperty("dedupeKey", e.dedupeKey());
        g.writeStringProperty("occurredAt", IsoInstants.format(e.occurredAt()));
        g.writeStringProperty("receivedAt", IsoInstants.format(e.receivedAt()));
        if (!e.client().isEmpty()) {
            g.writeName("client");
            g.writeStartObject();
            e.client().forEach(g::writeStringProperty);
            g.writeEndObject();
        }
        if (e.bot()) {
            g.writeBooleanProperty("bot", true);
        }
        putIfPresent(g, "inactiveSince", e.inactiveSince());
        g.writeEndObject();
    }

    static LogRecord.Survey read(JsonNode n) {
        Map<String, String> client = new LinkedHashMap<>();
        JsonNode c = n.get("client");
        if (c != null && c.isObject()) {
            c.properties().forEach(p -> client.put(p.getKey(), p.getValue().asString()));
        }
        JsonNode question = n.get("questionIndex");
        String inactive = optional(n, "inactiveSince");
        return new LogRecord.Survey(new SurveyEvent(
                TenantId.of(required(n, "tenant")),
                UUID.fromString(required(n, "messageId")),
                uuid(optional(n, "recipientId")),
                uuid(optional(n, "distributionId")),
                uuid(optional(n, "surveyId")),
                SurveyEventType.fromSlug(required(n, "type"))
                        .orElseThrow(() -> new IllegalArgumentException("unknown survey event type")),
                question == null || question.isNull() ? null : question.asInt(),
                required(n, "dedupeKey"),
                IsoInstants.parse(required(n, "occurredAt")),
                IsoInstants.parse(required(n, "receivedAt")),
                client,
                n.path("bot").asBoolean(false),
                inactive == null ? null : IsoInstants.parse(inactive)));
    }
}
