package io.funnelstream.benchmarks.webhook;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Posts signed provider webhooks to a service on this machine and reports what it acknowledged: requests/s,
 * events/s, answers by status, and latency percentiles (HdrHistogram). Exits 1 when more than
 * {@code maxUnsuccessful} (0.1 %) of the requests got no 2xx, 2 on bad arguments.
 *
 * <pre>{@code java -cp ... io.funnelstream.benchmarks.webhook.WebhookLoadGenerator
 *     url=http://127.0.0.1:8080/webhooks/sendgrid/<tenantKey>   (loopback only)
 *     provider=sendgrid|twilio|tracking   (tracking: url=.../api/tracking/events, credentials with tracking.*)
 *     [mode=closed|open] [users=16] [connections=16 closed, 64 open] [rate=<requests/s>, open loop]
 *     [duration=30s] [requests=<max>] [warmup=100 sendgrid, 20000 twilio] [pool=<distinct requests>]
 *     [batch=500] [credentials=<file written by WebhookBenchSetup>] [signUrl=<url Twilio signs>]
 *     [maxInFlight=4 x connections] [timeout=30s] [maxUnsuccessful=0.001] [reuse=false] [label=...]}</pre>
 *
 * <p>Every request is built and signed before the run (pool), each with its own event ids, so the service never
 * sees a retry and the generator spends nothing on JSON or signatures while measuring. A closed loop runs
 * {@code users} requests at a time, each sent when the previous one is answered (maximum throughput); an open
 * loop sends at {@code rate} whatever the answers do and measures each latency from the intended send time.
 */
public final class WebhookLoadGenerator {

    /** Recipients the tracking beacons of a run are spread over (each link's own rate limit is set high). */
    private static final int TRACKING_RECIPIENTS = 10_000;

    private WebhookLoadGenerator() {}

    public static void main(String[] args) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("webhook load: " + e.getMessage());
            System.exit(2);
            return;
        }
        LoadReport report = run(options, System.out);
        System.exit(report.passed() ? 0 : 1);
    }

    /** Builds the pool, warms up, measures, prints and returns the report. */
    static LoadReport run(LoadOptions options, PrintStream out) {
        BenchCredentials credentials = options.credentials() != null
                ? BenchCredentials.read(options.credentials())
                : BenchCredentials.generate("none");
        out.printf(Locale.ROOT, "webhook load %s -> %s%n", options.label(), options.url());
        out.printf(Locale.ROOT, "  %s%s%n", shape(options),
                options.credentials() == null ? "; throwaway keys (no credentials= given)" : "");
        long started = System.nanoTime();
        RequestPool pool = RequestPool.build(payloads(options, credentials), options.pool(), options.reuse());
        out.printf(Locale.ROOT, "  pool:       %,d distinct signed requests, %.0f MB, built in %.1f s%s%n",
                pool.size(), pool.bodyBytes() / 1e6, (System.nanoTime() - started) / 1e9,
                options.reuse() ? "; reused when used up" : "");
        int pending = Math.max(options.maxInFlight(), options.users());
        Scheduler ticks = Schedulers.newSingle("load-ticks");
        try (HttpTarget target = new HttpTarget(options.url(), options.connections(), pending, options.timeout())) {
            if (options.warmup() > 0) {
                LoadStats warm = new LoadStats();
                StopReason reason = phase(options, target, new Budget(pool, options.warmup(),
                        System.nanoTime() + LoadOptions.WARMUP_MAX.toNanos()), warm, ticks);
                out.printf(Locale.ROOT, "  warm-up:    %,d requests in %.1f s (%s), answers %s%n",
                        warm.requests(), warm.seconds(), reason.description(), warm.statusCounts());
            }
            LoadStats stats = new LoadStats();
            long cpuBefore = processCpuNanos();
            StopReason stop = phase(options, target,
                    new Budget(pool, options.requests(), System.nanoTime() + options.duration().toNanos()), stats,
                    ticks);
            LoadReport report = new LoadReport(options, stats, stop, new LoadReport.Machine(
                    (processCpuNanos() - cpuBefore) / 1e9,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            report.print(out);
            return report;
        } finally {
            ticks.dispose();
        }
    }

    private static StopReason phase(
            LoadOptions options, HttpTarget target, Budget budget, LoadStats stats, Scheduler ticks) {
        Mono<StopReason> run = options.openLoop()
                ? OpenLoop.run(target, budget, options.rate(), options.maxInFlight(), stats, ticks)
                : ClosedLoop.run(target, budget, options.users(), stats);
        Duration longest = options.duration().compareTo(LoadOptions.WARMUP_MAX) > 0
                ? options.duration()
                : LoadOptions.WARMUP_MAX;
        Duration bound = longest.plus(options.timeout()).plusMinutes(1);
        return run.block(bound);
    }

    /** CPU time of this process so far; 0 where the JVM cannot tell. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime())
                : 0;
    }

    private static Payloads payloads(LoadOptions options, BenchCredentials credentials) {
        UniqueIds ids = UniqueIds.random();
        return switch (options.provider()) {
            case SENDGRID -> new SendGridBatches(credentials.sendGridPrivateKey(), options.batch(), ids,
                    Instant.now().getEpochSecond());
            case TWILIO -> new TwilioCallbacks(credentials.twilioAuthToken(), options.signUrl(), ids);
            case TRACKING -> TrackingBeacons.fromFile(java.util.Objects.requireNonNull(options.credentials(),
                    "provider=tracking needs credentials=<setup file with tracking.key and tracking.tenant>"), ids,
                    TRACKING_RECIPIENTS);
        };
    }

    private static String shape(LoadOptions options) {
        String loop = options.openLoop()
                ? String.format(Locale.ROOT, "open loop at %,.0f requests/s, up to %d in flight",
                        options.rate(), options.maxInFlight())
                : String.format(Locale.ROOT, "closed loop, %d users", options.users());
        return String.format(Locale.ROOT, "%s, %d connections, %d event(s) per request, duration %d s%s", loop,
                options.connections(), options.provider() == LoadOptions.Provider.SENDGRID ? options.batch() : 1,
                options.duration().toSeconds(),
                options.requests() == Long.MAX_VALUE ? "" : ", at most " + options.requests() + " requests");
    }
}
