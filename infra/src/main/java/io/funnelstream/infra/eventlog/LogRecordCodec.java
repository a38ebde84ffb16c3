package io.funnelstream.infra.eventlog;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogRecord;
import java.time.DateTimeException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire format of log records: a kind (stored beside the payload: a Kafka header, a column) and a compact
 * JSON payload (UTF-8, no null fields). Each kind carries its version; a new incompatible shape is a new kind.
 * {@link #decode} fails on kinds it does not know; readers use {@link #decodeOrUnreadable}, which hands such a
 * record over as {@link LogRecord.Unreadable} so that the pipeline keeps it aside and moves on rather than halt.
 */
public final class LogRecordCodec {

    /** A {@link LogRecord.Message}, as written by {@link MessageEventJson}. */
    public static final String MESSAGE_V1 = "message.v1";

    /** A {@link LogRecord.MessageQueued}, as written by {@link MessageQueuedJson}. */
    public static final String MESSAGE_QUEUED_V1 = "message-queued.v1";

    /** A {@link LogRecord.Survey}, as written by {@link SurveyEventJson}. */
    public static final String SURVEY_V1 = "survey.v1";

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
            case LogRecord.MessageQueued m -> MESSAGE_QUEUED_V1;
            case LogRecord.Survey s -> SURVEY_V1;
            case LogRecord.Unreadable u -> throw notWritable(u);
        };
    }

    /** The payload, written field by field as it goes (no tree of nodes built first). */
    public byte[] encode(LogRecord record) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator g = mapper.createGenerator(out)) {
            switch (record) {
                case LogRecord.Message m -> MessageEventJson.write(g, m.event());
                case LogRecord.MessageQueued m -> MessageQueuedJson.write(g, m);
                case LogRecord.Survey s -> SurveyEventJson.write(g, s.event());
                case LogRecord.Unreadable u -> throw notWritable(u);
            }
        }
        return out.toByteArray();
    }

    /** @throws LogRecordFormatException for an unknown kind or a payload that does not fit it */
    public LogRecord decode(String kind, byte[] payload) {
        try {
            return switch (kind) {
                case MESSAGE_V1 -> LogRecord.of(MessageEventJson.read(FlatJson.parse(mapper, payload)));
                case MESSAGE_QUEUED_V1 -> MessageQueuedJson.read(FlatJson.parse(mapper, payload));
                case SURVEY_V1 -> SurveyEventJson.read(mapper.readTree(payload));
                default -> throw new LogRecordFormatException("unknown log record kind '" + kind + "'");
            };
        } catch (JacksonException | IllegalArgumentException | NullPointerException | DateTimeException e) {
            throw new LogRecordFormatException("unreadable " + kind + " record: " + e.getMessage(), e);
        }
    }

    /**
     * {@link #decode}, or the record as {@link LogRecord.Unreadable} when it cannot be read.
     *
     * @param tenant what the log says the record's tenant is (a column, the key), or null if it says nothing
     *     legible
     */
    public LogRecord decodeOrUnreadable(@Nullable TenantId tenant, String kind, byte[] payload) {
        try {
            return decode(kind, payload);
        } catch (LogRecordFormatException e) {
            return new LogRecord.Unreadable(
                    tenant == null ? LogRecord.Unreadable.UNKNOWN_TENANT : tenant, kind, payload, e.getMessage());
        }
    }

    private static IllegalArgumentException notWritable(LogRecord.Unreadable record) {
        return new IllegalArgumentException("an unreadable record is never written back: " + record);
    }
}
