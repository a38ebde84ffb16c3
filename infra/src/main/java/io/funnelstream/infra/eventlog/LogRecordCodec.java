package io.funnelstream.infra.eventlog;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogRecord;
import java.time.DateTimeException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire format of log records: a kind (stored beside the payload: a Kafka header, a column) and a payload:
 * message events in a compact binary form ({@code message.v2}), the other kinds as compact JSON (UTF-8, no null
 * fields). Each kind carries its version; a new incompatible shape is a new kind, and every kind ever written stays
 * readable ({@code message.v1}, JSON, is read but no longer written). Readers must know a kind before writers
 * write it: on several machines, update them all before the first writes {@code message.v2}.
 * {@link #decode} fails on kinds it does not know; readers use {@link #decodeOrUnreadable}, which hands such a
 * record over as {@link LogRecord.Unreadable} so that the pipeline keeps it aside and moves on rather than halt.
 */
public final class LogRecordCodec {

    /** A {@link LogRecord.Message} as JSON ({@link MessageEventJson}), written before {@link #MESSAGE_V2}. */
    public static final String MESSAGE_V1 = "message.v1";

    /** A {@link LogRecord.Message}, as written by {@link MessageEventBinary}. */
    public static final String MESSAGE_V2 = "message.v2";

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
            case LogRecord.Message m -> MESSAGE_V2;
            case LogRecord.MessageQueued m -> MESSAGE_QUEUED_V1;
            case LogRecord.Survey s -> SURVEY_V1;
            case LogRecord.Unreadable u -> throw notWritable(u);
        };
    }

    /** The payload, written field by field as it goes (no tree of nodes built first). */
    public byte[] encode(LogRecord record) {
        return switch (record) {
            case LogRecord.Message m -> MessageEventBinary.write(m.event());
            case LogRecord.MessageQueued m -> json(g -> MessageQueuedJson.write(g, m));
            case LogRecord.Survey s -> json(g -> SurveyEventJson.write(g, s.event()));
            case LogRecord.Unreadable u -> throw notWritable(u);
        };
    }

    private byte[] json(Consumer<JsonGenerator> write) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator g = mapper.createGenerator(out)) {
            write.accept(g);
        }
        return out.toByteArray();
    }

    /** @throws LogRecordFormatException for an unknown kind or a payload that does not fit it */
    public LogRecord decode(String kind, byte[] payload) {
        try {
            return switch (kind) {
                case MESSAGE_V2 -> LogRecord.of(MessageEventBinary.read(payload));
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
