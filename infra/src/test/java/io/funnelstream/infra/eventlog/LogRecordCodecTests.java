package io.funnelstream.infra.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class LogRecordCodecTests {

    private final LogRecordCodec codec = new LogRecordCodec();

    @Property(tries = 500)
    void shouldReadBackEveryMessageEventItWrites(@ForAll("messageRecords") LogRecord record) {
        byte[] bytes = codec.encode(record);

        LogRecord back = codec.decode(codec.kind(record), bytes);

        assertThat(back).isEqualTo(record);
        assertThat(codec.kind(record)).isEqualTo(LogRecordCodec.MESSAGE_V1);
    }

    @Example
    void shouldLeaveOutAbsentFieldsAndWriteSlugs() {
        LogRecord record = LogRecord.of(new MessageEvent(TenantId.random(), Channel.SMS, Provider.TWILIO, "SM1-sent",
                "SM1", null, EventType.SENT, Instant.parse("2026-11-01T10:00:00Z"),
                Instant.parse("2026-11-01T10:00:01.123456789Z"), null, null, null, null, null, false, "sent"));

        String json = new String(codec.encode(record), StandardCharsets.UTF_8);

        assertThat(json).contains("\"provider\":\"twilio\"", "\"type\":\"sent\"", "10:00:01.123456789Z")
                .doesNotContain("messageId", "bounceClass", "machineOpen", "null");
    }

    @Example
    void shouldReadAnEventTypeItDoesNotKnowAsUnknown() {
        String json = """
                {"tenant":"%s","channel":"email","provider":"sendgrid","providerEventId":"e1",
                 "providerMessageId":"m1","type":"teleported","occurredAt":"2026-11-01T10:00:00Z",
                 "receivedAt":"2026-11-01T10:00:00Z","rawType":"teleported"}""".formatted(UUID.randomUUID());

        LogRecord record = codec.decode(LogRecordCodec.MESSAGE_V1, json.getBytes(StandardCharsets.UTF_8));

        assertThat(((LogRecord.Message) record).event().type()).isEqualTo(EventType.UNKNOWN);
    }

    @Example
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

    @Provide
    Arbitrary<LogRecord> messageRecords() {
        Arbitrary<UUID> uuids = Arbitraries.longs().tuple2().map(t -> new UUID(t.get1(), t.get2()));
        Arbitrary<String> text = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40);
        Arbitrary<String> optionalText = Arbitraries.strings().all().ofMaxLength(40).injectNull(0.3);
        Arbitrary<Instant> instants = Arbitraries.longs().between(0, 4_102_444_800L)
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
        return Builders.withBuilder(EventBuilder::new)
                .use(uuids).inSetter((b, v) -> b.tenant = v)
                .use(Arbitraries.of(Channel.class)).inSetter((b, v) -> b.channel = v)
                .use(Arbitraries.of(Provider.class)).inSetter((b, v) -> b.provider = v)
                .use(text.filter(s -> !s.isBlank())).inSetter((b, v) -> b.providerEventId = v)
                .use(text).inSetter((b, v) -> b.providerMessageId = v)
                .use(uuids.injectNull(0.5)).inSetter((b, v) -> b.messageId = v)
                .use(Arbitraries.of(EventType.class)).inSetter((b, v) -> b.type = v)
                .use(instants).inSetter((b, v) -> b.occurredAt = v)
                .use(instants).inSetter((b, v) -> b.receivedAt = v)
                .use(optionalText).inSetter((b, v) -> b.recipient = v)
                .use(Arbitraries.of(BounceClass.class).injectNull(0.5)).inSetter((b, v) -> b.bounceClass = v)
                .use(optionalText).inSetter((b, v) -> b.reason = v)
                .use(optionalText).inSetter((b, v) -> b.errorCode = v)
                .use(optionalText).inSetter((b, v) -> b.url = v)
                .use(Arbitraries.of(true, false)).inSetter((b, v) -> b.machineOpen = v)
                .use(text).inSetter((b, v) -> b.rawType = v)
                .build(EventBuilder::build);
    }

    /** Mutable holder the generator fills field by field. */
    static final class EventBuilder {
        UUID tenant = UUID.randomUUID();
        Channel channel = Channel.EMAIL;
        Provider provider = Provider.SENDGRID;
        String providerEventId = "e";
        String providerMessageId = "m";
        UUID messageId;
        EventType type = EventType.SENT;
        Instant occurredAt = Instant.EPOCH;
        Instant receivedAt = Instant.EPOCH;
        String recipient;
        BounceClass bounceClass;
        String reason;
        String errorCode;
        String url;
        boolean machineOpen;
        String rawType = "sent";

        LogRecord build() {
            return LogRecord.of(new MessageEvent(new TenantId(tenant), channel, provider, providerEventId,
                    providerMessageId, messageId, type, occurredAt, receivedAt, recipient, bounceClass, reason,
                    errorCode, url, machineOpen, rawType));
        }
    }
}
