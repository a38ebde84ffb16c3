package io.funnelstream.infra.pipeline;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.testkit.PostgresTestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real crash: the pipeline runs in a JVM of its own ({@link PipelineProcess}) and is killed with SIGKILL
 * (kill -9) while records stream in, again and again; a new process picks up from what Postgres and Redis hold.
 * In the end Redis equals the recount from the raw events.
 */
class PipelineKillIntegrationTests {

    @RegisterExtension
    static PostgresTestDatabase db = new PostgresTestDatabase();

    static PipelineFixture fixture;
    static PrivateRedis redis;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(PrivateRedis.available(), "redis-server is installed");
        fixture = PipelineFixture.migrate(db);
        redis = new PrivateRedis();
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void shouldCountEveryRecordOnceThoughTheProcessIsKilledAgainAndAgain() throws Exception {
        TenantId tenant = fixture.newTenant();
        TenantId other = fixture.newTenant();
        EventStreams streams = new EventStreams(41);
        List<LogRecord> records = streams.stream(List.of(
                new EventStreams.TenantPlan(tenant, fixture.newDistribution(tenant)),
                new EventStreams.TenantPlan(other, null)), 150);
        Random random = new Random(43);
        int chunk = records.size() / 5 + 1;

        for (int from = 0; from < records.size(); from += chunk) {
            Process process = launch();
            long before = position();
            fixture.appendInChunks(records.subList(from, Math.min(records.size(), from + chunk)), 13);
            long target = before + 1 + random.nextInt(chunk);
            PipelineFixture.await("the pipeline to commit up to " + target, () -> position() >= target);
            kill(process);
        }
        Process last = launch();
        try {
            List<LogRecord> sentinels = List.of(streams.sentinel(tenant), streams.sentinel(other));
            fixture.append(sentinels);
            fixture.awaitApplied(sentinels.stream().map(s -> ((LogRecord.MessageQueued) s).messageId()).toList());
        } finally {
            kill(last);
        }
        fixture.assertStoreEqualsRecount(redis.store(), List.of(tenant, other));
    }

    private static long position() {
        List<String> next = fixture.strings("select next_offset from event_log_positions where log_partition = 0");
        return next.isEmpty() ? 0 : Long.parseLong(next.getFirst());
    }

    private static Process launch() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"),
                PipelineProcess.class.getName(), db.host(), Integer.toString(db.port()), db.database(),
                Integer.toString(redis.port())));
        File log = Path.of("target", "pipeline-process.log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
    }

    /** SIGKILL: the JVM gets no shutdown hook, no finally, no chance to roll back or flush anything. */
    private static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
