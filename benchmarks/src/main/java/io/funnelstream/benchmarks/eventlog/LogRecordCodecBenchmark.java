package io.funnelstream.benchmarks.eventlog;

import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.infra.eventlog.LogRecordCodec;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Writing and reading message events as log records, as the webhook routes write them and the pipeline reads
 * them: a mix of SendGrid, Mailgun, Twilio and Meta events shaped as the normalisers make them (delivered, opened
 * with a user agent's machine flag, clicked with a URL, bounced with a reason). Time per record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LogRecordCodecBenchmark {

    private static final int RECORDS = 1024;

    private final LogRecordCodec codec = new LogRecordCodec();
    private LogRecord[] records;
    private String[] kinds;
    private byte[][] payloads;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        TenantId tenant = TenantId.random();
        Instant start = Instant.parse("2026-11-26T12:00:00.123456Z");
        records = new LogRecord[RECORDS];
        kinds = new String[RECORDS];
        payloads = new byte[RECORDS][];
        for (int i = 0; i < RECORDS; i++) {
            records[i] = LogRecord.of(event(random, tenant, start.plusMillis(random.nextInt(3_600_000))));
            kinds[i] = codec.kind(records[i]);
            payloads[i] = codec.encode(records[i]);
        }
    }

    private static MessageEvent event(SplittableRandom random, TenantId tenant, Instant at) {
        String id = Long.toHexString(random.nextLong());
        return switch (random.nextInt(4)) {
            case 0 -> new MessageEvent(tenant, Channel.EMAIL, Provider.SENDGRID, "sg-" + id,
                    "msg-" + id + ".filter0001", UUID.randomUUID(), EventType.DELIVERED, at, at.plusMillis(40), "user" + id + "@example.com", null,
                    "250 2.0.0 OK", null, null, false, "delivered");
            case 1 -> new MessageEvent(tenant, Channel.EMAIL, Provider.MAILGUN, "mg-" + id, id + "@mg.example.com",
                    null, EventType.CLICKED, at, at.plusMillis(40), "user" + id + "@example.com", null, null, null,
                    "https://survey.example.com/s/" + id + "?utm_source=email", false, "clicked");
            case 2 -> new MessageEvent(tenant, Channel.SMS, Provider.TWILIO, "SM" + id + "-delivered", "SM" + id,
                    null, EventType.DELIVERED, at, at.plusMillis(40), "+15550100" + (id.length() % 10), null, null,
                    null, null, false, "delivered");
            default -> new MessageEvent(tenant, Channel.EMAIL, Provider.SENDGRID, "sg-" + id, "msg-" + id,
                    UUID.randomUUID(), EventType.BOUNCED, at, at.plusMillis(40), "user" + id + "@example.com",
                    BounceClass.HARD, "550 5.1.1 The email account that you tried to reach does not exist", "5.1.1",
                    null, false, "bounce");
        };
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void encode(Blackhole out) {
        for (LogRecord r : records) {
            out.consume(codec.encode(r));
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void decode(Blackhole out) {
        for (int i = 0; i < RECORDS; i++) {
            out.consume(codec.decode(kinds[i], payloads[i]));
        }
    }
}
