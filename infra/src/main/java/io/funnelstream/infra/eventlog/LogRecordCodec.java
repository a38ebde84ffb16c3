package io.funnelstream.infra.eventlog;

import io.funnelstream.engine.port.LogRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire format of log records: a kind (stored beside the payload: a Kafka header, a column) and a compact
 * JSON payload (UTF-8, no null fields). Each kind carries its version; a new incompatible shape is a new kind,
 * and readers fail on kinds they do not know rather than skip them.
 */
public final class LogRecordCodec {

    /** A {@link LogRecord.Message}, as written by {@link MessageEventJson}. */
    public static final String MESSAGE_V1 = "message.v1";

    private final JsonMapper mapper;

    public LogRecordCodec() {
        this(JsonMapper.builder().build());
    }

    public LogRecordCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public String kind(LogRecord record) {
        return switch (record) {
            case LogRecord.Message m -> MESSAGE_V1;
        };
    }

    public byte[] encode(LogRecord record) {
        ObjectNode node = switch (record) {
            case LogRecord.Message m -> MessageEventJson.write(mapper.createObjectNode(), m.event());
        };
        return mapper.writeValueAsBytes(node);
    }

    /** @throws LogRecordFormatException for an unknown kind or a payload that does not fit it */
    public LogRecord decode(String kind, byte[] payload) {
        try {
            JsonNode node = mapper.readTree(payload);
            return switch (kind) {
                case MESSAGE_V1 -> LogRecord.of(MessageEventJson.read(node));
                default -> throw new LogRecordFormatException("unknown log record kind '" + kind + "'");
            };
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new LogRecordFormatException("unreadable " + kind + " record: " + e.getMessage(), e);
        }
    }
}
