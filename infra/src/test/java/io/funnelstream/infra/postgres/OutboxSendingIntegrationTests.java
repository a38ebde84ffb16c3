package io.funnelstream.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.distribution.DistributionSpec;
import io.funnelstream.engine.distribution.DistributionStatus;
import io.funnelstream.engine.distribution.DistributionStore;
import io.funnelstream.engine.distribution.Recipient;
import io.funnelstream.engine.distribution.RecipientInput;
import io.funnelstream.engine.distribution.RecipientRules;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.ProviderSecrets;
import io.funnelstream.engine.send.ClaimedSend;
import io.funnelstream.engine.send.MessageTemplate;
import io.funnelstream.engine.send.OutboxSender;
import io.funnelstream.engine.send.ProviderClients;
import io.funnelstream.engine.send.SendOutbox;
import io.funnelstream.engine.send.SendResult;
import io.funnelstream.engine.send.SendSettings;
import io.funnelstream.engine.send.TokenTrackingLinks;
import io.funnelstream.engine.send.TrackingLinks;
import io.funnelstream.engine.tracking.TrackingTokens;
import io.funnelstream.testkit.FixedProviderSecrets;
import io.funnelstream.testkit.MutableClock;
import io.funnelstream.testkit.PostgresTestDatabase;
import io.r2dbc.pool.ConnectionPool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The outbox driving real sends against Postgres: two workers at once, a worker that dies holding rows, retryable
 * and permanent failures, suppression, a provider down for part of 10,000 recipients, and recording outcomes in
 * the event log without ever holding back a send.
 */
class OutboxSendingIntegrationTests {

    @RegisterExtension
    static PostgresTestDatabase db = new PostgresTestDatabase();

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final Duration LONG = Duration.ofMinutes(10);
    static final TrackingLinks LINKS = new TokenTrackingLinks(new TrackingTokens("k1", Map.of("k1", new byte[32]),
            TrackingTokens.DEFAULT_LIFETIME, java.time.Clock.systemUTC()));
    static final SendSettings SETTINGS = new SendSettings(100, 32, Duration.ofSeconds(60), Duration.ofSeconds(10),
            Duration.ofMillis(10), 5, Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofSeconds(30),
            Duration.ofDays(30));
    static final SendSettings BIG = new SendSettings(500, 64, Duration.ofSeconds(60), Duration.ofSeconds(10),
            Duration.ofMillis(10), 5, Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofSeconds(30),
            Duration.ofDays(30));

    static ConnectionPool pool;
    static TenantTransactions transactions;
    static DistributionStore store;
    static SendOutbox outbox;

    MutableClock clock;
    FakeProvider provider;
    RecordingEventLog eventLog;
    TenantId tenant;

    @BeforeAll
    static void migrate() {
        TestSql.migrations(db).up();
        pool = TestSql.appPool(db, 16);
        transactions = new TenantTransactions(pool);
        store = PostgresAdapters.distributionStore(transactions);
        outbox = PostgresAdapters.sendOutbox(transactions);
    }

    @AfterAll
    static void closePool() {
        pool.dispose();
    }

    @BeforeEach
    void freshTenant() {
        clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
        provider = new FakeProvider();
        eventLog = new RecordingEventLog();
        String slug = "send-" + UUID.randomUUID().toString().substring(0, 8);
        tenant = PostgresAdapters.tenantDirectory(transactions).createTenant(slug, slug).block(TIMEOUT).id();
        store.chooseProvider(tenant, Channel.EMAIL, Provider.SENDGRID).block(TIMEOUT);
    }

    @Test
    void shouldSendEveryMessageOnceWithTwoWorkersAtOnce() throws Exception {
        UUID distribution = distribution(600);
        start(distribution);

        Flux.merge(drain(worker("a")), drain(worker("b"))).blockLast(TIMEOUT);

        assertThat(provider.accepted).hasSize(600);
        assertThat(provider.accepted.values()).allMatch(n -> n.get() == 1);
        assertThat(counts(distribution)).containsEntry("sent", 600L).containsEntry("queued", 0L)
                .containsEntry("sending", 0L);
        assertThat(status(distribution).status()).isEqualTo("completed");
    }

    @Test
    void shouldSendWhatAWorkerThatDiedHeldOnceItsLeasesExpire() throws Exception {
        UUID distribution = distribution(50);
        start(distribution);
        List<ClaimedSend> held = outbox.claim("dead", clock.instant(), SETTINGS.lease(), 30).collectList()
                .block(TIMEOUT);
        assertThat(held).hasSize(30);

        OutboxSender survivor = worker("survivor");
        drain(survivor).blockLast(TIMEOUT);
        assertThat(provider.accepted).hasSize(20);

        clock.advance(SETTINGS.lease().plusSeconds(1));
        drain(survivor).blockLast(TIMEOUT);

        assertThat(provider.accepted).hasSize(50);
        assertThat(provider.accepted.values()).allMatch(n -> n.get() == 1);
        assertThat(outbox.sent(held.get(0), "dead", "late", clock.instant()).block(TIMEOUT))
                .as("the dead worker's late outcome is refused").isFalse();
        assertThat(counts(distribution)).containsEntry("sent", 50L);
    }

    @Test
    void shouldRetryRetryableFailuresAfterRetryAfterAndFailPermanentOnesAtOnce() throws Exception {
        UUID distribution = distribution(3);
        provider.throttled.add(address(0));
        provider.permanent.add(address(1));
        start(distribution);
        OutboxSender worker = worker("w");

        List<SendResult> first = drain(worker).collectList().block(TIMEOUT);
        assertThat(first).extracting(SendResult::kind)
                .containsExactlyInAnyOrder(SendResult.Kind.RETRY, SendResult.Kind.FAILED, SendResult.Kind.SENT);
        assertThat(counts(distribution)).containsEntry("retrying", 1L).containsEntry("failed", 1L)
                .containsEntry("sent", 1L);
        assertThat(TestSql.superuserStrings(db, "select error_code || ' ' || failure_reason from send_outbox"
                + " where tenant_id = ? and state = 'failed'", tenant.value()))
                .containsExactly("400 The to address is invalid");

        clock.advance(Duration.ofSeconds(119));
        assertThat(drain(worker).collectList().block(TIMEOUT)).as("Retry-After is honoured").isEmpty();
        provider.throttled.clear();
        clock.advance(Duration.ofSeconds(2));
        assertThat(drain(worker).collectList().block(TIMEOUT)).extracting(SendResult::kind)
                .containsExactly(SendResult.Kind.SENT);
        assertThat(counts(distribution)).containsEntry("sent", 2L).containsEntry("failed", 1L)
                .containsEntry("queued", 0L);
        assertThat(status(distribution).status()).isEqualTo("completed");
    }

    @Test
    void shouldFailARetryableFailureOnceItsAttemptsAreSpent() throws Exception {
        UUID distribution = distribution(1);
        provider.throttled.add(address(0));
        start(distribution);
        OutboxSender worker = worker("w");
        for (int attempt = 0; attempt < SETTINGS.maxAttempts(); attempt++) {
            drain(worker).blockLast(TIMEOUT);
            clock.advance(SETTINGS.maxBackoff());
        }
        assertThat(counts(distribution)).containsEntry("failed", 1L).containsEntry("queued", 0L);
        assertThat(provider.calls.get()).isEqualTo(SETTINGS.maxAttempts());
    }

    @Test
    void shouldNotSendToSuppressedOrOptedOutRecipientsAndCountThem() throws Exception {
        UUID first = distribution(3);
        start(first);
        drain(worker("w")).blockLast(TIMEOUT);
        UUID bounced = UUID.fromString(TestSql.superuserStrings(db,
                "select id::text from send_outbox where tenant_id = ? and address = ?", tenant.value(), address(0))
                .getFirst());
        insertMessage(bounced, "status = 'bounced', bounced_at = now(), bounce_class = 'hard'");
        UUID complained = UUID.fromString(TestSql.superuserStrings(db,
                "select id::text from send_outbox where tenant_id = ? and address = ?", tenant.value(), address(1))
                .getFirst());
        insertMessage(complained, "spam_reported_at = now()");
        assertThat(TestSql.superuserStrings(db, "select reason from suppressions where tenant_id = ? order by reason",
                tenant.value())).containsExactly("complaint", "hard_bounce");

        UUID second = distribution(4);
        TestSql.superuserExecute(db, "update recipients set opted_out_at = now() where tenant_id = ?"
                + " and distribution_id = ? and email = ?", tenant.value(), second, address(3));
        start(second);
        provider.accepted.clear();
        drain(worker("w")).blockLast(TIMEOUT);

        assertThat(provider.accepted).hasSize(1);
        assertThat(counts(second)).containsEntry("suppressed", 3L).containsEntry("sent", 1L);
    }

    @Test
    void shouldPauseAndResumeAndNeverSendACancelledMessage() throws Exception {
        UUID distribution = distribution(10);
        start(distribution);
        assertThat(store.change(tenant, distribution, DistributionStore.Action.PAUSE, clock.instant()).block(TIMEOUT))
                .isTrue();
        assertThat(drain(worker("w")).collectList().block(TIMEOUT)).isEmpty();
        start(distribution);
        outbox.claim("w", clock.instant(), SETTINGS.lease(), 4).blockLast(TIMEOUT);
        assertThat(store.change(tenant, distribution, DistributionStore.Action.CANCEL, clock.instant())
                .block(TIMEOUT)).isTrue();
        assertThat(store.change(tenant, distribution, DistributionStore.Action.START, clock.instant())
                .block(TIMEOUT)).as("a cancelled distribution stays cancelled").isFalse();

        clock.advance(SETTINGS.lease().plusSeconds(1));
        drain(worker("w")).blockLast(TIMEOUT);

        assertThat(provider.calls.get()).isZero();
        assertThat(counts(distribution)).containsEntry("cancelled", 6L).containsEntry("sending", 4L);
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES) // 10,000 sends through real Postgres on a shared machine
    void shouldSendTenThousandRecipientsExactlyOnceThoughTheProviderIsDownForPartOfThem() throws Exception {
        UUID distribution = distribution(10_000);
        provider.downForCall = call -> call > 3_000 && call <= 6_000;
        eventLog.down = true;
        start(distribution);
        OutboxSender a = worker("a", BIG);
        OutboxSender b = worker("b", BIG);

        for (int round = 0; round < BIG.maxAttempts() && remaining(distribution) > 0; round++) {
            Flux.merge(drain(a), drain(b)).blockLast(LONG);
            clock.advance(BIG.maxBackoff());
        }
        assertThat(provider.accepted).hasSize(10_000);
        assertThat(provider.accepted.values()).allMatch(n -> n.get() == 1);
        assertThat(a.stats().retried() + b.stats().retried()).isEqualTo(3_000);
        assertThat(counts(distribution)).containsEntry("sent", 10_000L).containsEntry("failed", 0L)
                .containsEntry("queued", 0L).containsEntry("sending", 0L);
        assertThat(TestSql.superuserStrings(db, "select count(*)::text from send_outbox where tenant_id = ?"
                + " and provider_message_id = 'sg-' || id::text and attempts between 1 and 2", tenant.value()))
                .containsExactly("10000");
        assertThat(eventLog.records).as("the log was down: nothing recorded, nothing held back").isEmpty();

        eventLog.down = false;
        while (a.recordOnce().block(LONG) > 0) {
            // records the outcomes in batches (every tenant's: the sweep is the instance's, not the tenant's)
        }
        // other tests' tenants may still have outcomes to record: look at this tenant's records only
        List<LogRecord> mine = eventLog.records.stream().filter(r -> r.tenant().equals(tenant)).toList();
        List<LogRecord.MessageQueued> queued = mine.stream()
                .filter(LogRecord.MessageQueued.class::isInstance).map(LogRecord.MessageQueued.class::cast).toList();
        assertThat(queued).hasSize(10_000).allMatch(q -> ("sg-" + q.messageId()).equals(q.providerMessageId()));
        assertThat(mine.stream().filter(LogRecord.Message.class::isInstance)
                .map(r -> ((LogRecord.Message) r).event()))
                .hasSize(10_000).allMatch(e -> e.type() == EventType.SENT);
    }

    @Test
    void shouldPersonaliseTheMessageWithASignedSurveyLink() throws Exception {
        UUID distribution = distribution(1);
        start(distribution);
        drain(worker("w")).blockLast(TIMEOUT);

        var message = provider.messages.values().iterator().next();
        assertThat(message.subject()).isEqualTo("Hi Ann <0>");
        assertThat(message.html()).startsWith("<p>Hi Ann &lt;0&gt;, <a href=\"https://survey.example/s/1?ft=");
        String token = message.text().substring(message.text().indexOf("ft=") + 3);
        var verified = LINKS.verify(token, clock.instant()).orElseThrow();
        assertThat(verified.messageId()).isEqualTo(message.messageId());
        assertThat(verified.distributionId()).isEqualTo(distribution);
        assertThat(message.idempotencyKey()).isEqualTo(message.messageId().toString());
    }

    /** The pipeline's row of a sent message, then a change of its lifecycle. */
    private void insertMessage(UUID id, String change) throws Exception {
        TestSql.superuserExecute(db, "insert into messages (id, tenant_id, channel, provider, status, queued_at)"
                + " values (?, ?, 'email', 'sendgrid', 'sent', now())", id, tenant.value());
        TestSql.superuserExecute(db, "update messages set " + change + " where id = ?", id);
    }

    private long remaining(UUID distribution) {
        Map<String, Long> counts = counts(distribution);
        return counts.get("queued") + counts.get("sending");
    }

    private OutboxSender worker(String name) {
        return worker(name, SETTINGS);
    }

    private OutboxSender worker(String name, SendSettings settings) {
        ProviderSecrets secrets = new FixedProviderSecrets(Map.of("apiKey", "SG.test"));
        return new OutboxSender(outbox, new ProviderClients(List.of(provider)), secrets, eventLog, LINKS, clock,
                Schedulers.parallel(), settings, name + "-" + UUID.randomUUID());
    }

    /** Claims and sends until nothing is due. */
    private static Flux<SendResult> drain(OutboxSender worker) {
        return Mono.defer(() -> worker.sendOnce().collectList())
                .repeat()
                .takeWhile(batch -> !batch.isEmpty())
                .flatMapIterable(batch -> batch);
    }

    private UUID distribution(int recipients) {
        UUID survey = store.createSurvey(tenant, "Survey", "https://survey.example/s/1").block(TIMEOUT);
        UUID id = store.create(tenant, new DistributionSpec(survey, "d", List.of(Channel.EMAIL),
                new MessageTemplate("Hi {{first_name}}", "Hi {{first_name}}, {{survey_link}}",
                        "<p>Hi {{first_name}}, <a href=\"{{survey_link}}\">start</a></p>"), null)).block(TIMEOUT);
        AtomicInteger i = new AtomicInteger();
        Flux<List<Recipient>> batches = Flux.range(0, recipients)
                .map(n -> recipient(i.getAndIncrement()))
                .buffer(500);
        assertThat(store.addRecipients(tenant, id, batches).block(TIMEOUT)).isEqualTo(recipients);
        return id;
    }

    private static Recipient recipient(int n) {
        RecipientInput input = new RecipientInput(address(n), null, null, "en", null,
                Map.of("first_name", "Ann <" + n + ">"));
        return ((RecipientRules.Checked.Valid) RecipientRules.check("r", input, List.of(Channel.EMAIL))).recipient();
    }

    private static String address(int n) {
        return "person" + n + "@example.com";
    }

    private void start(UUID distribution) {
        assertThat(store.change(tenant, distribution, DistributionStore.Action.START, clock.instant()).block(TIMEOUT))
                .isTrue();
    }

    private DistributionStatus status(UUID distribution) {
        return store.status(tenant, distribution).block(TIMEOUT);
    }

    private Map<String, Long> counts(UUID distribution) {
        return status(distribution).counts();
    }
}
