package io.funnelstream.infra.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.ExperimentArm;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.SurveyEvent;
import io.funnelstream.engine.model.SurveyEventType;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class LogRecordCodecTests {

    /** The bytes of the event in {@link #shouldWriteEachKindInItsFixedShape}, as message.v2. */
    private static final String MESSAGE_V2_HEX = "000000000000000000000000000000aa0b656d61696c1173656e6467726964"
            + "096576223109706d2d3101"
            + "000000000000000000000000000000bb0f626f756e636564000000006ae70da01dcd6500000000006ae70da11dcd65"
            + "001f72c3a940"
            + "6578616d706c652e636f6d096861726421353530207573657220756e6b6e6f776e0b352e312e313968747470733a2f2f6578616d"
            + "706c652e636f6d2f3f613d3126623d32010d626f756e6365";

    private final LogRecordCodec codec = new LogRecordCodec();

    @Test
    void shouldReadBackEveryMessageEventItWrites() {
        qt().withExamples(500).forAll(messageRecords()).checkAssert(record -> {
            byte[] bytes = codec.encode(record);

            LogRecord back = codec.decode(codec.kind(record), bytes);

            assertThat(back).isEqualTo(record);
            assertThat(codec.kind(record)).isEqualTo(LogRecordCodec.MESSAGE_V2);
        });
    }

    @Test
    void shouldReadBackEveryMessageQueuedItWrites() {
        Gen<UUID> ids = longs().all().zip(longs().all(), UUID::new);
        Gen<@Nullable UUID> optionalIds = booleans().all().zip(ids, (present, id) -> present ? id : null);
        Gen<LogRecord.MessageQueued> queued = arbitrary().enumValues(Provider.class).zip(ids, optionalIds,
                optionalIds, (provider, id, distribution, survey) -> new LogRecord.MessageQueued(
                        new TenantId(id), id, provider.channels().iterator().next(), provider,
                        distribution == null ? null : "pm-" + distribution, distribution, survey, distribution,
                        Instant.ofEpochSecond(1_790_000_000L + (id.getLeastSignificantBits() & 0xffffff), 123_000),
                        survey == null ? null : new ExperimentArm(survey, "v-" + (id.getMostSignificantBits() & 7),
                                (id.getLeastSignificantBits() & 1) == 0)));
        qt().withExamples(300).forAll(queued).checkAssert(record -> {
            byte[] bytes = codec.encode(record);

            assertThat(codec.decode(codec.kind(record), bytes)).isEqualTo(record);
            assertThat(codec.kind(record)).isEqualTo(LogRecordCodec.MESSAGE_QUEUED_V1);
        });
    }

    @Test
    void shouldHandAnUnreadableRecordOverInsteadOfFailing() {
        TenantId tenant = TenantId.random();
        byte[] damaged = "{\"tenant\":".getBytes(StandardCharsets.UTF_8);

        LogRecord unknownKind = codec.decodeOrUnreadable(tenant, "survey.v9", "{}".getBytes(StandardCharsets.UTF_8));
        LogRecord broken = codec.decodeOrUnreadable(null, LogRecordCodec.MESSAGE_V1, damaged);

        assertThat(unknownKind).isInstanceOfSatisfying(LogRecord.Unreadable.class, u -> {
            assertThat(u.tenant()).isEqualTo(tenant);
            assertThat(u.kind()).isEqualTo("survey.v9");
            assertThat(u.reason()).contains("unknown log record kind");
        });
        assertThat(broken).isInstanceOfSatisfying(LogRecord.Unreadable.class, u -> {
            assertThat(u.tenant()).isEqualTo(LogRecord.Unreadable.UNKNOWN_TENANT);
            assertThat(u.payload()).isEqualTo(damaged);
        });
        assertThatThrownBy(() -> codec.encode(broken)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The records already in a log were written in this shape: a writer that changes it writes a new kind. */
    @Test
    void shouldWriteEachKindInItsFixedShape() {
        TenantId tenant = new TenantId(UUID.fromString("00000000-0000-0000-0000-0000000000aa"));
        UUID message = UUID.fromString("00000000-0000-0000-0000-0000000000bb");
        UUID other = UUID.fromString("00000000-0000-0000-0000-0000000000cc");
        Instant at = Instant.parse("2026-11-01T10:00:00.5Z");
        LogRecord event = LogRecord.of(new MessageEvent(tenant, Channel.EMAIL, Provider.SENDGRID, "ev\"1",
                "pm-1", message, EventType.BOUNCED, at, at.plusSeconds(1), "r\u00e9@example.com", BounceClass.HARD,
                "550 user unknown", "5.1.1", "https://example.com/?a=1&b=2", true, "bounce"));
        LogRecord queued = new LogRecord.MessageQueued(tenant, message, Channel.SMS, Provider.TWILIO, "SM1", other,
                null, other, at, new ExperimentArm(other, "b", false));
        LogRecord survey = LogRecord.of(new SurveyEvent(tenant, message, other, null, other, SurveyEventType.ABANDONED,
                3, "k1", at, at, new java.util.LinkedHashMap<>(java.util.Map.of("lang", "fr")), true, at));

        assertThat(HexFormat.of().formatHex(codec.encode(event))).isEqualTo(MESSAGE_V2_HEX);
        assertThat(new String(codec.encode(queued), StandardCharsets.UTF_8)).isEqualTo("{\"tenant\":\"" + tenant
                + "\",\"messageId\":\"" + message + "\",\"channel\":\"sms\",\"provider\":\"twilio\","
                + "\"providerMessageId\":\"SM1\",\"distributionId\":\"" + other + "\",\"recipientId\":\"" + other
                + "\",\"queuedAt\":\"2026-11-01T10:00:00.500Z\",\"arm\":{\"experimentId\":\"" + other
                + "\",\"variant\":\"b\",\"inTest\":false}}");
        assertThat(new String(codec.encode(survey), StandardCharsets.UTF_8)).isEqualTo("{\"tenant\":\"" + tenant
                + "\",\"messageId\":\"" + message + "\",\"recipientId\":\"" + other + "\",\"surveyId\":\""
                + other + "\",\"type\":\"abandoned\",\"questionIndex\":3,\"dedupeKey\":\"k1\","
                + "\"occurredAt\":\"2026-11-01T10:00:00.500Z\",\"receivedAt\":\"2026-11-01T10:00:00.500Z\","
                + "\"client\":{\"lang\":\"fr\"},\"bot\":true,\"inactiveSince\":\"2026-11-01T10:00:00.500Z\"}");
        assertThat(codec.decode(codec.kind(survey), codec.encode(survey))).isEqualTo(survey);
    }

    /** Message events written before {@code message.v2} stay readable. */
    @Test
    void shouldReadMessageEventsWrittenAsJson() {
        TenantId tenant = new TenantId(UUID.fromString("00000000-0000-0000-0000-0000000000aa"));
        UUID message = UUID.fromString("00000000-0000-0000-0000-0000000000bb");
        Instant at = Instant.parse("2026-11-01T10:00:00.5Z");
        String json = "{\"tenant\":\"" + tenant
                + "\",\"channel\":\"email\",\"provider\":\"sendgrid\",\"providerEventId\":\"ev\\\"1\","
                + "\"providerMessageId\":\"pm-1\",\"messageId\":\"" + message + "\",\"type\":\"bounced\","
                + "\"occurredAt\":\"2026-11-01T10:00:00.500Z\",\"receivedAt\":\"2026-11-01T10:00:01.500Z\","
                + "\"recipient\":\"r\u00e9@example.com\",\"bounceClass\":\"hard\",\"reason\":\"550 user unknown\","
                + "\"errorCode\":\"5.1.1\",\"url\":\"https://example.com/?a=1&b=2\",\"machineOpen\":true,"
                + "\"rawType\":\"bounce\"}";

        assertThat(codec.decode(LogRecordCodec.MESSAGE_V1, bytes(json))).isEqualTo(LogRecord.of(new MessageEvent(tenant,
                Channel.EMAIL, Provider.SENDGRID, "ev\"1", "pm-1", message, EventType.BOUNCED, at, at.plusSeconds(1),
                "r\u00e9@example.com", BounceClass.HARD, "550 user unknown", "5.1.1", "https://example.com/?a=1&b=2",
                true, "bounce")));
    }

    @Test
    void shouldWriteAbsentFieldsInOneByteAndKeepNanoseconds() {
        MessageEvent bare = new MessageEvent(TenantId.random(), Channel.SMS, Provider.TWILIO, "SM1-sent", "SM1", null,
                EventType.SENT, Instant.parse("2026-11-01T10:00:00Z"), Instant.parse("2026-11-01T10:00:01.123456789Z"),
                null, null, null, null, null, false, "sent");
        MessageEvent full = new MessageEvent(bare.tenant(), Channel.SMS, Provider.TWILIO, "SM1-sent", "SM1",
                UUID.randomUUID(), EventType.SENT, bare.occurredAt(), bare.receivedAt(), "", null, "", "", "", false,
                "sent");

        byte[] payload = codec.encode(LogRecord.of(bare));

        // Tenant, "sms", "twilio", "SM1-sent", "SM1" (each string with a byte of header), no message id, "sent",
        // two instants, five absent strings, machineOpen, "sent".
        assertThat(payload).hasSize(16 + 4 + 7 + 9 + 4 + 1 + 5 + 24 + 5 + 1 + 5);
        // The message id's 16 bytes; an empty string costs what an absent one does, one byte of header.
        assertThat(codec.encode(LogRecord.of(full))).hasSize(payload.length + 16);
        assertThat(codec.decode(LogRecordCodec.MESSAGE_V2, codec.encode(LogRecord.of(full))))
                .isEqualTo(LogRecord.of(full));
        assertThat(((LogRecord.Message) codec.decode(LogRecordCodec.MESSAGE_V2, payload)).event().receivedAt())
                .isEqualTo(Instant.parse("2026-11-01T10:00:01.123456789Z"));
    }

    @Test
    void shouldKeepALoneSurrogateThatUtf8CouldNotCarry() {
        MessageEvent event = new MessageEvent(TenantId.random(), Channel.WHATSAPP, Provider.META, "wamid.1-read",
                "wamid.1", null, EventType.READ, Instant.parse("2026-11-01T10:00:00Z"),
                Instant.parse("2026-11-01T10:00:00Z"), null, null, "half \udff5 a pair, then \ud83d\ude00", null,
                null, false, "read");

        assertThat(codec.decode(LogRecordCodec.MESSAGE_V2, codec.encode(LogRecord.of(event))))
                .isEqualTo(LogRecord.of(event));
    }

    @Test
    void shouldRefuseEveryTruncatedOrExtendedBinaryMessage() {
        qt().withExamples(100).forAll(messageRecords()).checkAssert(record -> {
            byte[] payload = codec.encode(record);
            for (int length = 0; length < payload.length; length++) {
                byte[] cut = Arrays.copyOf(payload, length);
                assertThatThrownBy(() -> codec.decode(LogRecordCodec.MESSAGE_V2, cut))
                        .as("cut to %d of %d bytes", length, payload.length)
                        .isInstanceOf(LogRecordFormatException.class);
            }
            byte[] longer = Arrays.copyOf(payload, payload.length + 1);
            assertThatThrownBy(() -> codec.decode(LogRecordCodec.MESSAGE_V2, longer))
                    .isInstanceOf(LogRecordFormatException.class)
                    .hasMessageContaining("after the record");
        });
    }

    @Test
    void shouldRefuseABinaryMessageWhoseLengthsOrValuesAreWrong() {
        byte[] huge = HexFormat.of().parseHex("00000000000000000000000000000001" + "ffffffff0f");
        byte[] badChannel = HexFormat.of().parseHex("00000000000000000000000000000001" + "03" + "6661");

        assertThatThrownBy(() -> codec.decode(LogRecordCodec.MESSAGE_V2, huge))
                .isInstanceOf(LogRecordFormatException.class).hasMessageContaining("left");
        assertThatThrownBy(() -> codec.decode(LogRecordCodec.MESSAGE_V2, badChannel))
                .isInstanceOf(LogRecordFormatException.class);
        assertThat(codec.decodeOrUnreadable(null, LogRecordCodec.MESSAGE_V2, huge))
                .isInstanceOf(LogRecord.Unreadable.class);
    }

    @Test
    void shouldReadAnEventTypeItDoesNotKnowAsUnknown() {
        String json = """
                {"tenant":"%s","channel":"email","provider":"sendgrid","providerEventId":"e1",
                 "providerMessageId":"m1","type":"teleported","occurredAt":"2026-11-01T10:00:00Z",
                 "receivedAt":"2026-11-01T10:00:00Z","rawType":"teleported"}""".formatted(UUID.randomUUID());

        LogRecord record = codec.decode(LogRecordCodec.MESSAGE_V1, json.getBytes(StandardCharsets.UTF_8));

        assertThat(((LogRecord.Message) record).event().type()).isEqualTo(EventType.UNKNOWN);
    }

    @Test
    void shouldSkipFieldsItDoesNotKnowWhateverTheirShape() {
        String json = """
                {"tenant":"%s","channel":"sms","provider":"twilio","providerEventId":"e1","future":{"a":[1,{"b":2}]},
                 "providerMessageId":"m1","type":"read","occurredAt":"2026-11-01T10:00:00Z","count":3.5,
                 "receivedAt":"2026-11-01T10:00:00Z","rawType":"read","list":[["x"],null],"machineOpen":"true",
                 "reason":null}""".formatted(UUID.randomUUID());

        MessageEvent event = ((LogRecord.Message) codec.decode(LogRecordCodec.MESSAGE_V1,
                json.getBytes(StandardCharsets.UTF_8))).event();

        assertThat(event.type()).isEqualTo(EventType.READ);
        assertThat(event.providerMessageId()).isEqualTo("m1");
        assertThat(event.machineOpen()).isTrue();
        assertThat(event.reason()).isNull();
    }

    @Test
    void shouldRefuseAPayloadThatIsNotOneObjectOfTheRightFields() {
        String tenant = UUID.randomUUID().toString();
        String queued = """
                {"tenant":"%s","messageId":"%s","channel":"email","provider":"sendgrid",
                 "queuedAt":"2026-11-01T10:00:00Z"%%s}""".formatted(tenant, UUID.randomUUID());

        assertThat(codec.decode(LogRecordCodec.MESSAGE_QUEUED_V1, bytes(queued.formatted(",\"arm\":null"))))
                .isInstanceOf(LogRecord.MessageQueued.class);
        for (String bad : List.of("[]", "\"text\"", queued.formatted("") + " {}", queued.formatted(",\"arm\":\"b\""),
                queued.formatted(",\"arm\":{\"experimentId\":\"" + tenant + "\",\"variant\":\"b\"}"),
                queued.formatted(",\"providerMessageId\":7"), queued.formatted(",\"tenant\":7"))) {
            assertThatThrownBy(() -> codec.decode(LogRecordCodec.MESSAGE_QUEUED_V1, bytes(bad)))
                    .as(bad)
                    .isInstanceOf(LogRecordFormatException.class);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRefuseAnUnknownKindAndADamagedPayload() {
        assertThatThrownBy(() -> codec.decode("survey.v9", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(LogRecordFormatException.class)
                .hasMessageContaining("survey.v9");
        assertThatThrownBy(() -> codec.decode(LogRecordCodec.MESSAGE_V1, "{\"tenant\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(LogRecordFormatException.class);
        assertThatThrownBy(() -> codec.decode(LogRecordCodec.MESSAGE_V1, "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(LogRecordFormatException.class)
                .hasMessageContaining("tenant");
    }

    /** Any well-formed text: every code point but lone surrogates, which no UTF-8 writer can carry. */
    private static Gen<String> text(int min, int max) {
        return strings().betweenCodePoints(0, 0xD7FF).ofLengthBetween(min, max)
                .mix(strings().betweenCodePoints(0xE000, 0x10FFFF).ofLengthBetween(min, max));
    }

    private static <T> Gen<@Nullable T> orNull(Gen<T> values, int percentNull) {
        return values.toOptionals(percentNull).map(o -> o.orElse(null));
    }

    static Gen<LogRecord> messageRecords() {
        Gen<UUID> uuids = longs().all().zip(longs().all(), UUID::new);
        Gen<String> text = text(1, 40).assuming(s -> !s.isBlank());
        Gen<@Nullable String> optionalText = orNull(text(0, 40), 30);
        Gen<Instant> instants = longs().between(0, 4_102_444_800L)
                .zip(integers().between(0, 999_999_999), Instant::ofEpochSecond);
        Gen<@Nullable UUID> messageIds = orNull(uuids, 50);
        Gen<@Nullable BounceClass> bounceClasses = orNull(arbitrary().enumValues(BounceClass.class), 50);
        return in -> LogRecord.of(new MessageEvent(
                new TenantId(uuids.generate(in)),
                arbitrary().enumValues(Channel.class).generate(in),
                arbitrary().enumValues(Provider.class).generate(in),
                text.generate(in),
                text.generate(in),
                messageIds.generate(in),
                arbitrary().enumValues(EventType.class).generate(in),
                instants.generate(in),
                instants.generate(in),
                optionalText.generate(in),
                bounceClasses.generate(in),
                optionalText.generate(in),
                optionalText.generate(in),
                optionalText.generate(in),
                booleans().all().generate(in),
                text.generate(in)));
    }

}
