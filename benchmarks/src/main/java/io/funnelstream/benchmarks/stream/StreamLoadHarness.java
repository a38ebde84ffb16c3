package io.funnelstream.benchmarks.stream;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.infra.embedded.PostgresEventLog;
import io.funnelstream.infra.postgres.PostgresConnectionFactories;
import io.funnelstream.infra.postgres.PostgresSettings;
import io.r2dbc.pool.ConnectionPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Live streams under load, against one running instance of the service (embedded default):
 *
 * <ol>
 *   <li>queues one SMS message per round in the service's event log, and sets the tenant's Twilio auth token;
 *   <li>opens {@code connections} SSE streams of the tenant's overview and waits for every snapshot;
 *   <li>per round, posts a signed Twilio "delivered" callback for the round's message, and measures from its 200 to
 *       the moment each client sees the new delivered count (and to the moment the last client sees it);
 *   <li>churn: for {@code churn} (duration), {@code churners} clients connect, read for 0..2 s and disconnect, over
 *       and over, while the steady clients stay; the service's heap after a full GC is sampled every
 *       {@code sample}.
 * </ol>
 *
 * <pre>{@code java -cp ... io.funnelstream.benchmarks.stream.StreamLoadHarness base=http://127.0.0.1:18090
 *     adminKeyFile=... pid=<service pid> jdbcUrl=jdbc:postgresql://127.0.0.1:54349/funnelstream
 *     [connections=10000] [rounds=30] [churn=10m] [churners=200] [sample=60s]}</pre>
 */
public final class StreamLoadHarness {

    private StreamLoadHarness() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        String base = a.getOrDefault("base", "http://127.0.0.1:18090");
        int connections = Integer.parseInt(a.getOrDefault("connections", "10000"));
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "30"));
        Duration churn = Duration.parse("PT" + a.getOrDefault("churn", "10m").toUpperCase());
        int churners = Integer.parseInt(a.getOrDefault("churners", "200"));
        Duration sample = Duration.parse("PT" + a.getOrDefault("sample", "60s").toUpperCase());
        Heap heap = new Heap(a.getOrDefault("jcmd", "jcmd"), Long.parseLong(a.get("pid")));
        String adminKey = Files.readString(Path.of(a.get("adminKeyFile"))).trim();

        ConnectionProvider pool = ConnectionProvider.builder("sse")
                .maxConnections(connections + churners + 64)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofMinutes(10))
                .build();
        HttpClient http = HttpClient.create(pool).baseUrl(base);
        ServiceApi api = new ServiceApi(http, adminKey);
        TenantId tenant = TenantId.of(api.prepare());
        List<String> sids = queueMessages(a.get("jdbcUrl"), tenant, rounds);
        System.out.printf("tenant %s: %d messages queued; heap after GC at start: %d MiB%n", tenant, rounds,
                heap.afterGcMiB());

        SseClients clients = new SseClients(http, connections, rounds);
        long openStart = System.nanoTime();
        String token = api.streamToken();
        for (int i = 0; i < connections; i++) {
            while (i - clients.snapshots.get() - clients.errors.intValue() > 500) {
                Thread.sleep(5);
            }
            if (i % 2_000 == 1_999) {
                token = api.streamToken();
            }
            clients.open(i, token);
        }
        waitFor(() -> clients.snapshots.get() + clients.errors.intValue() >= connections, Duration.ofMinutes(5));
        double openSeconds = (System.nanoTime() - openStart) / 1e9;
        System.out.printf("open: %d snapshots, %d errors in %.1f s; baseline delivered %d; heap after GC %d MiB%n",
                clients.snapshots.get(), clients.errors.longValue(), openSeconds, clients.baseline, heap.afterGcMiB());
        // The queued messages may still be on their way through the pipeline: a delivery needs its message.
        Thread.sleep(3_000);

        List<Long> perClient = new ArrayList<>();
        List<Long> perRound = new ArrayList<>();
        int incomplete = 0;
        for (int round = 1; round <= rounds; round++) {
            api.delivered(sids.get(round - 1));
            long acked = System.nanoTime();
            int r = round;
            boolean all = waitFor(() -> clients.reached(r) >= clients.snapshots.get(), Duration.ofSeconds(30));
            incomplete += all ? 0 : 1;
            long last = 0;
            for (int i = 0; i < connections; i++) {
                long at = clients.arrival(round, i);
                if (at != 0) {
                    long latency = Math.max(0, at - acked);
                    perClient.add(latency);
                    last = Math.max(last, latency);
                }
            }
            perRound.add(last);
            Thread.sleep(500);
        }
        System.out.printf("RESULT latency connections=%d rounds=%d incompleteRounds=%d clientP50=%s clientP90=%s "
                        + "clientP99=%s clientMax=%s allClientsP50=%s allClientsP99=%s allClientsMax=%s%n",
                clients.snapshots.get(), rounds, incomplete, ms(perClient, 0.5), ms(perClient, 0.9),
                ms(perClient, 0.99), ms(perClient, 1), ms(perRound, 0.5), ms(perRound, 0.99), ms(perRound, 1));

        churn(http, api, heap, clients, churn, churners, sample);
        System.out.printf("steady clients still open after churn: %d of %d (errors %d, completed %d)%n",
                connections - clients.errors.intValue() - clients.completed.intValue(), connections,
                clients.errors.longValue(), clients.completed.longValue());
        clients.closeAll();
        pool.disposeLater().block(Duration.ofSeconds(30));
    }

    private static void churn(HttpClient http, ServiceApi api, Heap heap, SseClients steady, Duration length,
            int churners, Duration sample) throws InterruptedException {
        AtomicReference<String> token = new AtomicReference<>(api.streamToken());
        LongAdder connects = new LongAdder();
        LongAdder failures = new LongAdder();
        long deadline = System.nanoTime() + length.toNanos();
        Mono<Void> once = Mono.defer(() -> http.get().uri(SseClients.path(token.get()))
                .responseContent().asString()
                .doOnSubscribe(s -> connects.increment())
                .take(Duration.ofMillis(ThreadLocalRandom.current().nextLong(1, 2_000)))
                .then()
                .onErrorResume(e -> {
                    failures.increment();
                    return Mono.delay(Duration.ofMillis(100)).then();
                }));
        Disposable running = Flux.range(0, churners)
                .flatMap(w -> once.repeat(() -> System.nanoTime() < deadline), churners)
                .subscribe();
        List<Long> samples = new ArrayList<>();
        samples.add(heap.afterGcMiB());
        long started = System.nanoTime();
        long nextSample = started + sample.toNanos();
        long nextToken = started + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            if (System.nanoTime() >= nextToken) {
                try {
                    token.set(api.streamToken());
                } catch (RuntimeException e) {
                    System.out.println("token refresh failed (the last one is used until the next try): " + e);
                }
                nextToken += Duration.ofMinutes(1).toNanos();
            }
            if (System.nanoTime() >= nextSample) {
                samples.add(heap.afterGcMiB());
                System.out.printf("churn %s: %d connects, %d failures, heap after GC %d MiB%n",
                        Duration.ofNanos(System.nanoTime() - started).toSeconds() + "s", connects.longValue(),
                        failures.longValue(), samples.getLast());
                nextSample += sample.toNanos();
            }
        }
        running.dispose();
        Thread.sleep(3_000);
        samples.add(heap.afterGcMiB());
        System.out.printf("RESULT churn duration=%s churners=%d connects=%d failures=%d connectsPerSecond=%.0f "
                        + "heapAfterGcMiB=%s steadyEvents=%d%n", length, churners, connects.longValue(),
                failures.longValue(), connects.longValue() / (double) length.toSeconds(),
                samples.toString().replace(" ", ""), steady.events.longValue());
    }

    /** Queues one Twilio SMS per round straight into the service's event log; their provider ids, in order. */
    private static List<String> queueMessages(String jdbcUrl, TenantId tenant, int rounds) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.+)")
                .matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("jdbcUrl=jdbc:postgresql://host:port/database, got " + jdbcUrl);
        }
        PostgresSettings settings = PostgresSettings.of(m.group(1), Integer.parseInt(m.group(2)), m.group(3),
                "funnelstream_app", null);
        ConnectionPool pool = PostgresConnectionFactories.pooled(settings.withPool(0, 2));
        try {
            List<String> sids = new ArrayList<>();
            List<LogRecord> records = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
                sids.add(sid);
                records.add(new LogRecord.MessageQueued(tenant, UUID.randomUUID(), Channel.SMS, Provider.TWILIO, sid,
                        null, null, null, Instant.now()));
            }
            // A busy machine may keep the first connection waiting past its timeout: try again.
            PostgresEventLog.create(pool).append(records)
                    .retryWhen(reactor.util.retry.Retry.fixedDelay(10, Duration.ofSeconds(2)))
                    .block(Duration.ofMinutes(2));
            return sids;
        } finally {
            pool.dispose();
        }
    }

    private static boolean waitFor(java.util.function.BooleanSupplier done, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    private static String ms(List<Long> nanos, double quantile) {
        if (nanos.isEmpty()) {
            return "n/a";
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return String.format("%.0fms", sorted[Math.max(0, index)] / 1e6);
    }
}
