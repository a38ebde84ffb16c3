package io.funnelstream.benchmarks.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.webhook.ProviderCredentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator against a loopback server that verifies and normalises every request with the engine's own
 * providers: what it sends is authentic, unique and counted right, and an open loop measures from the intended
 * send time.
 */
class WebhookLoadGeneratorTests {

    @TempDir
    Path dir;

    BenchCredentials credentials;
    Path credentialsFile;
    ProviderCredentials serverCredentials;
    final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @BeforeEach
    void credentials() {
        credentials = BenchCredentials.generate("tk_bench");
        credentialsFile = dir.resolve("credentials.properties");
        credentials.write(credentialsFile);
        serverCredentials = ProviderCredentials.none()
                .withSendGridVerificationKey(credentials.sendGridVerificationKey())
                .withTwilioAuthToken(credentials.twilioAuthToken());
    }

    @Test
    void shouldSendSendGridBatchesTheEngineVerifiesWithEveryEventIdOnce() {
        try (VerifyingWebhookServer server = new VerifyingWebhookServer(serverCredentials, Duration.ZERO)) {
            LoadReport report = run("url=" + server.url("sendgrid"), "provider=sendgrid", "users=4",
                    "requests=20", "warmup=2");

            assertThat(report.passed()).isTrue();
            assertThat(report.stop()).isEqualTo(StopReason.REQUESTS);
            assertThat(report.stats().statusCounts()).containsExactly(Map.entry(200, 20L));
            assertThat(report.stats().eventsAcknowledged()).isEqualTo(20 * 500);
            assertThat(server.answers()).containsExactly(Map.entry("accepted", 22L));
            assertThat(server.events()).isEqualTo(22 * 500);
            assertThat(server.repeatedEvents()).isZero();
            assertThat(server.rawTypes().keySet()).contains("processed", "delivered", "open", "click", "deferred",
                    "bounce", "dropped", "unsubscribe", "group_unsubscribe", "spamreport");
            assertThat(server.rawTypes().get("processed")).isGreaterThan(server.rawTypes().get("click"));
        }
    }

    @Test
    void shouldSignTwilioCallbacksForTheExactUrlWithEveryMessageSidOnce() {
        try (VerifyingWebhookServer server = new VerifyingWebhookServer(serverCredentials, Duration.ZERO)) {
            LoadReport report = run("url=" + server.url("twilio") + "?region=eu", "provider=twilio", "users=8",
                    "requests=1500", "warmup=100");

            assertThat(report.passed()).isTrue();
            assertThat(report.stats().successes()).isEqualTo(1500);
            assertThat(report.stats().eventsAcknowledged()).isEqualTo(1500);
            assertThat(server.answers()).containsExactly(Map.entry("accepted", 1600L));
            assertThat(server.repeatedEvents()).isZero();
            assertThat(server.channels().keySet()).containsExactlyInAnyOrder("SMS", "WHATSAPP");
            assertThat(server.rawTypes().keySet()).contains("sent", "delivered", "undelivered", "failed", "read");
        }
    }

    @Test
    void shouldFailTheRunAndShowTheAnswersWhenTheServiceRefuses() {
        ProviderCredentials otherToken = serverCredentials.withTwilioAuthToken("not-the-token-the-generator-has");
        try (VerifyingWebhookServer server = new VerifyingWebhookServer(otherToken, Duration.ZERO)) {
            LoadReport report = run("url=" + server.url("twilio"), "provider=twilio", "requests=50", "warmup=0");

            assertThat(report.passed()).isFalse();
            assertThat(report.stats().statusCounts()).containsExactly(Map.entry(403, 50L));
            assertThat(report.stats().eventsAcknowledged()).isZero();
            assertThat(server.answers()).containsExactly(Map.entry("BAD_SIGNATURE", 50L));
            assertThat(printed()).contains("verdict:    FAIL").contains("403=50").contains("pass=false");
        }
    }

    @Test
    void shouldCountUnansweredRequestsAsFailures() {
        LoadReport report = run("url=http://127.0.0.1:" + unusedPort() + "/webhooks/twilio/tk", "provider=twilio",
                "requests=10", "warmup=0", "timeout=5s");

        assertThat(report.passed()).isFalse();
        assertThat(report.stats().failures()).isEqualTo(10);
        assertThat(report.stats().answers()).isZero();
    }

    /** Exactly rate x duration requests, never sent ahead of their time (how late they got depends on the machine). */
    @Test
    void shouldHoldTheRateOfAnOpenLoop() {
        try (VerifyingWebhookServer server = new VerifyingWebhookServer(serverCredentials, Duration.ZERO)) {
            LoadReport report = run("url=" + server.url("twilio"), "provider=twilio", "mode=open", "rate=400",
                    "duration=2s", "warmup=400");

            assertThat(report.passed()).isTrue();
            assertThat(report.stop()).isEqualTo(StopReason.DURATION);
            assertThat(report.stats().requests()).isEqualTo(800);
            assertThat(report.stats().seconds()).isGreaterThanOrEqualTo(1.99);
        }
    }

    /**
     * One connection to a service that takes 20 ms per request sustains 50 requests/s; asked for 200/s for a second,
     * the last requests go out seconds late. Measured from the intended send time (open loop) that wait shows;
     * measured from each actual send (closed loop) it would hide behind a steady 20 ms.
     */
    @Test
    void shouldMeasureOpenLoopLatencyFromTheIntendedSendTime() {
        try (VerifyingWebhookServer server = new VerifyingWebhookServer(serverCredentials, Duration.ofMillis(20))) {
            LoadReport open = run("url=" + server.url("twilio"), "provider=twilio", "mode=open", "rate=200",
                    "duration=1s", "connections=1", "maxInFlight=1", "warmup=0");
            LoadReport closed = run("url=" + server.url("twilio"), "provider=twilio", "users=1", "connections=1",
                    "requests=50", "warmup=0");

            assertThat(open.stats().successes()).isEqualTo(200);
            assertThat(open.stats().latencyMicros().getValueAtPercentile(50)).isGreaterThan(1_000_000);
            assertThat(open.stats().latencyMicros().getMaxValue()).isGreaterThan(2_500_000);
            assertThat(closed.stats().latencyMicros().getValueAtPercentile(50)).isBetween(20_000L, 200_000L);
        }
    }

    @Test
    void shouldStopWhenEveryDistinctRequestWasSent() {
        try (VerifyingWebhookServer server = new VerifyingWebhookServer(serverCredentials, Duration.ZERO)) {
            LoadReport report = run("url=" + server.url("twilio"), "provider=twilio", "pool=120", "warmup=20",
                    "duration=30s");

            assertThat(report.stop()).isEqualTo(StopReason.POOL_USED_UP);
            assertThat(report.stats().requests()).isEqualTo(100);
            assertThat(server.repeatedEvents()).isZero();
        }
    }

    /** The reports, in the test's output file, for when an assertion needs explaining. */
    @AfterEach
    void showReports() {
        System.out.println(printed());
    }

    private LoadReport run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("credentials=" + credentialsFile);
        return WebhookLoadGenerator.run(LoadOptions.parse(all.toArray(String[]::new)),
                new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
