package io.funnelstream.benchmarks.sending;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.funnelstream.engine.distribution.DistributionSpec;
import io.funnelstream.engine.distribution.DistributionStatus;
import io.funnelstream.engine.distribution.DistributionStore;
import io.funnelstream.engine.distribution.Recipient;
import io.funnelstream.engine.distribution.RecipientInput;
import io.funnelstream.engine.distribution.RecipientRules;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogPositions;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.ProviderSecrets;
import io.funnelstream.engine.send.MessageTemplate;
import io.funnelstream.engine.send.OutboxSender;
import io.funnelstream.engine.send.ProviderClients;
import io.funnelstream.engine.send.SendOutbox;
import io.funnelstream.engine.send.SendSettings;
import io.funnelstream.engine.send.TokenTrackingLinks;
import io.funnelstream.engine.tracking.TrackingTokens;
import io.funnelstream.infra.postgres.Migrations;
import io.funnelstream.infra.postgres.PostgresAdapters;
import io.funnelstream.infra.postgres.PostgresConnectionFactories;
import io.funnelstream.infra.postgres.PostgresSettings;
import io.funnelstream.infra.postgres.TenantTransactions;
import io.funnelstream.testkit.FixedProviderSecrets;
import io.r2dbc.pool.ConnectionPool;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sending throughput: one distribution of {@code recipients} email recipients in a throwaway database, sent by
 * {@code workers} outbox workers (each {@code concurrency} sends in flight, claims of {@code batch}) through a
 * SendGrid-shaped client against WireMock answering 202 after {@code latency} ms. Prints messages/s over the
 * whole run and per second, the heap after each second, and the load average before and after. The event log is
 * a counter (the recording sweep still reads and marks the outbox, as in production).
 *
 * <pre>{@code java -cp ... io.funnelstream.benchmarks.sending.SendingHarness
 *     [recipients=20000] [workers=1] [concurrency=256] [batch=200] [latency=100] [postgres=127.0.0.1:5432]
 *     [keep=false]}</pre>
 */
public final class SendingHarness {

    private SendingHarness() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (String a : args) {
            String[] kv = a.split("=", 2);
            o.put(kv[0], kv[1]);
        }
        int recipients = Integer.parseInt(o.getOrDefault("recipients", "20000"));
        int workers = Integer.parseInt(o.getOrDefault("workers", "1"));
        int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "256"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "200"));
        int latency = Integer.parseInt(o.getOrDefault("latency", "100"));
        String[] pg = o.getOrDefault("postgres", "127.0.0.1:5432").split(":");
        String database = "fs_send_bench_" + UUID.randomUUID().toString().substring(0, 8);
        String jdbc = "jdbc:postgresql://" + pg[0] + ":" + pg[1] + "/";
        admin(jdbc + "postgres", "create database " + database);
        WireMockServer wiremock = new WireMockServer(options().dynamicPort().containerThreads(400)
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(64).disableRequestJournal());
        ConnectionPool pool = null;
        try {
            wiremock.start();
            wiremock.stubFor(post(urlEqualTo("/v3/mail/send")).willReturn(aResponse().withStatus(202)
                    .withHeader("X-Message-Id", "{{randomValue type='UUID'}}").withTransformers("response-template")
                    .withFixedDelay(latency)));
            new Migrations(jdbc + database, "postgres", null).up();
            pool = PostgresConnectionFactories.pooled(PostgresSettings.of(pg[0], Integer.parseInt(pg[1]), database,
                    "funnelstream_app", null).withPool(4, 24));
            TenantTransactions transactions = new TenantTransactions(pool);
            TenantId tenant = PostgresAdapters.tenantDirectory(transactions).createTenant("bench", "Bench")
                    .block(Duration.ofMinutes(1)).id();
            DistributionStore store = PostgresAdapters.distributionStore(transactions);
            UUID distribution = load(store, tenant, recipients);
            SendOutbox outbox = PostgresAdapters.sendOutbox(transactions);
            run(wiremock.baseUrl(), store, outbox, tenant, distribution, recipients, workers, concurrency, batch,
                    latency);
        } finally {
            wiremock.stop();
            if (pool != null) {
                pool.dispose();
            }
            if (!Boolean.parseBoolean(o.getOrDefault("keep", "false"))) {
                admin(jdbc + "postgres", "drop database if exists " + database + " with (force)");
            }
        }
    }

    private static UUID load(DistributionStore store, TenantId tenant, int recipients) {
        long t0 = System.nanoTime();
        UUID survey = store.createSurvey(tenant, "NPS", "https://survey.example/nps").block();
        store.chooseProvider(tenant, Channel.EMAIL, Provider.SENDGRID).block();
        UUID id = store.create(tenant, new DistributionSpec(survey, "bench", List.of(Channel.EMAIL),
                new MessageTemplate("Hello {{first_name}}", "Hello {{first_name}}, {{survey_link}}", null), null))
                .block();
        Flux<List<Recipient>> batches = Flux.range(0, recipients).map(i -> ((RecipientRules.Checked.Valid)
                        RecipientRules.check("r", new RecipientInput("p" + i + "@example.com", null, null, "en", null,
                                Map.of("first_name", "P" + i)), List.of(Channel.EMAIL))).recipient())
                .buffer(500);
        store.addRecipients(tenant, id, batches).block(Duration.ofMinutes(10));
        System.out.printf("loaded %d recipients in %.1f s%n", recipients, (System.nanoTime() - t0) / 1e9);
        store.change(tenant, id, DistributionStore.Action.START, Clock.systemUTC().instant()).block();
        return id;
    }

    private static void run(String baseUrl, DistributionStore store, SendOutbox outbox, TenantId tenant,
            UUID distribution, int recipients, int workers, int concurrency, int batch, int latency)
            throws Exception {
        AtomicLong logged = new AtomicLong();
        EventLog log = new EventLog() {
            @Override
            public Mono<Void> append(List<LogRecord> records) {
                logged.addAndGet(records.size());
                return Mono.empty();
            }

            @Override
            public Flux<LogBatch> consume(String group, LogPositions positions) {
                return Flux.never();
            }
        };
        ProviderSecrets secrets = new FixedProviderSecrets(Map.of("apiKey", "SG.bench"));
        SendSettings settings = new SendSettings(batch, concurrency, Duration.ofSeconds(60), Duration.ofSeconds(20),
                Duration.ofMillis(100), 8, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(5),
                Duration.ofDays(30));
        ProviderClients clients = new ProviderClients(List.of(new WireMockSendGrid(baseUrl, concurrency * workers)));
        System.out.printf("workers=%d concurrency=%d batch=%d latency=%dms recipients=%d load average %s%n", workers,
                concurrency, batch, latency, recipients, loadAverage());
        long t0 = System.nanoTime();
        List<Disposable> running = new java.util.ArrayList<>();
        for (int w = 0; w < workers; w++) {
            running.add(new OutboxSender(outbox, clients, secrets, log, new TokenTrackingLinks(new TrackingTokens("k1",
                    Map.of("k1", new byte[32]), TrackingTokens.DEFAULT_LIFETIME, java.time.Clock.systemUTC())),
                    Clock.systemUTC(), Schedulers.parallel(), settings, "bench-" + w).run().subscribe());
        }
        long previous = 0;
        long maxHeap = 0;
        while (true) {
            Thread.sleep(1000);
            DistributionStatus s = store.status(tenant, distribution).block();
            long sent = s.counts().get("sent");
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
            maxHeap = Math.max(maxHeap, heap);
            System.out.printf("t=%4.1fs sent=%d (+%d/s) failed=%d queued=%d heap=%d MiB%n", (System.nanoTime() - t0)
                    / 1e9, sent, sent - previous, s.counts().get("failed"), s.counts().get("queued"), heap);
            previous = sent;
            if (sent + s.counts().get("failed") >= recipients) {
                break;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        running.forEach(Disposable::dispose);
        System.out.printf("RESULT sent %d in %.1f s = %.0f messages/s; heap max %d MiB; load average %s;"
                + " recorded %d log records%n", previous, seconds, previous / seconds, maxHeap, loadAverage(),
                logged.get());
    }

    private static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).strip();
    }

    private static void admin(String url, String sql) throws Exception {
        try (var c = DriverManager.getConnection(url, "postgres", null)) {
            c.createStatement().execute(sql);
        }
    }
}
