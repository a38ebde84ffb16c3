package io.funnelstream.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.distribution.DistributionSpec;
import io.funnelstream.engine.distribution.DistributionStore;
import io.funnelstream.engine.distribution.Recipient;
import io.funnelstream.engine.distribution.RecipientInput;
import io.funnelstream.engine.distribution.RecipientRules;
import io.funnelstream.engine.experiment.Experiment;
import io.funnelstream.engine.experiment.ExperimentDesign;
import io.funnelstream.engine.experiment.ExperimentStatus;
import io.funnelstream.engine.experiment.ExperimentStore;
import io.funnelstream.engine.experiment.Experiments;
import io.funnelstream.engine.experiment.Metric;
import io.funnelstream.engine.experiment.Variant;
import io.funnelstream.engine.experiment.VariantAssigner;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.ExperimentArm;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogRecord;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sending a distribution under an A/B experiment on real Postgres: each test recipient gets the variant the hash
 * gives it, with the variant's subject, recorded on the outbox row and in the message's queued record; the
 * remainder is held without using up attempts until a winner is recorded, then gets the winner.
 */
class ExperimentOutboxIntegrationTests {

    @RegisterExtension
    static PostgresTestDatabase db = new PostgresTestDatabase();

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final TrackingLinks LINKS = new TokenTrackingLinks(new TrackingTokens("k1", Map.of("k1", new byte[32]),
            TrackingTokens.DEFAULT_LIFETIME, java.time.Clock.systemUTC()));
    static final SendSettings SETTINGS = new SendSettings(100, 32, Duration.ofSeconds(60), Duration.ofSeconds(10),
            Duration.ofMillis(10), 5, Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofSeconds(30),
            Duration.ofDays(30), Duration.ofMinutes(5));

    static ConnectionPool pool;
    static TenantTransactions transactions;

    @BeforeAll
    static void migrate() {
        TestSql.migrations(db).up();
        pool = TestSql.appPool(db, 16);
        transactions = new TenantTransactions(pool);
    }

    @AfterAll
    static void closePool() {
        pool.dispose();
    }

    /** One outbox row as stored: its recipient, variant and state. */
    record Row(UUID id, UUID recipient, String variant, String inTest, String state, int attempts) {}

    @Test
    void shouldSendEachTestRecipientItsVariantAndTheRemainderTheWinnerOnceRecorded() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
        DistributionStore distributions = PostgresAdapters.distributionStore(transactions);
        SendOutbox outbox = PostgresAdapters.sendOutbox(transactions);
        ExperimentStore experiments = PostgresAdapters.experimentStore(transactions);
        TenantId tenant = PostgresAdapters.tenantDirectory(transactions).createTenant("ab-send", "AB").block(TIMEOUT)
                .id();
        distributions.chooseProvider(tenant, Channel.EMAIL, Provider.SENDGRID).block(TIMEOUT);
        UUID distribution = distribution(distributions, tenant, 120);
        Experiment experiment = experiments.create(tenant, new ExperimentDesign(distribution, "subjects", List.of(
                        new Variant("a", 0.5, Map.of("subject", "A for {{first_name}}")),
                        new Variant("b", 0.5, Map.of("subject", "B for {{first_name}}"))),
                Metric.RESPONSE, 0.05, 0.8, 0.05, 1_000, 0.5, null)).block(TIMEOUT);
        experiments.changeStatus(tenant, experiment.id(), ExperimentStatus.DRAFT, ExperimentStatus.RUNNING,
                clock.instant()).block(TIMEOUT);
        assertThat(distributions.change(tenant, distribution, DistributionStore.Action.START, clock.instant())
                .block(TIMEOUT)).isTrue();
        FakeProvider provider = new FakeProvider();
        RecordingEventLog eventLog = new RecordingEventLog();
        OutboxSender sender = new OutboxSender(outbox, new ProviderClients(List.of(provider)),
                new FixedProviderSecrets(Map.of("apiKey", "SG.test")), eventLog, LINKS,
                new Experiments(experiments, clock), clock, Schedulers.parallel(), SETTINGS, "w-" + UUID.randomUUID());

        List<SendResult> first = drain(sender).collectList().block(TIMEOUT);

        Map<UUID, Row> rows = rows(distribution);
        List<Row> test = rows.values().stream()
                .filter(r -> VariantAssigner.inTestAudience(experiment.id(), r.recipient(), 0.5)).toList();
        List<Row> remainder = rows.values().stream().filter(r -> !test.contains(r)).toList();
        assertThat(test).isNotEmpty();
        assertThat(remainder).isNotEmpty();
        assertThat(first).filteredOn(r -> r.kind() == SendResult.Kind.SENT).hasSize(test.size());
        assertThat(first).filteredOn(r -> r.kind() == SendResult.Kind.HELD).hasSize(remainder.size());
        for (Row r : test) {
            String hashed = VariantAssigner.variant(experiment.id(), r.recipient(), experiment.design().variants())
                    .key();
            assertThat(r).extracting(Row::variant, Row::inTest, Row::state).containsExactly(hashed, "true", "sent");
            assertThat(provider.messages.get(r.id().toString()).subject()).startsWith(hashed.toUpperCase() + " for ");
        }
        assertThat(remainder).allSatisfy(r -> assertThat(r)
                .extracting(Row::variant, Row::state, Row::attempts).containsExactly("", "queued", 0));

        clock.advance(Duration.ofMinutes(6));
        assertThat(drain(sender).collectList().block(TIMEOUT))
                .as("still no winner: the remainder is held again")
                .allMatch(r -> r.kind() == SendResult.Kind.HELD).hasSize(remainder.size());

        experiments.recordWinner(tenant, experiment.id(), "b", "sequential").block(TIMEOUT);
        clock.advance(Duration.ofMinutes(6));
        assertThat(drain(sender).collectList().block(TIMEOUT))
                .allMatch(r -> r.kind() == SendResult.Kind.SENT).hasSize(remainder.size());

        Map<UUID, Row> after = rows(distribution);
        for (Row r : remainder) {
            assertThat(after.get(r.id())).extracting(Row::variant, Row::inTest, Row::state, Row::attempts)
                    .containsExactly("b", "false", "sent", 1);
            assertThat(provider.messages.get(r.id().toString()).subject()).startsWith("B for ");
        }
        assertThat(provider.accepted.values()).allMatch(n -> n.get() == 1).hasSize(rows.size());

        while (sender.recordOnce().block(TIMEOUT) > 0) {
            // every finished send reaches the event log
        }
        Map<UUID, ExperimentArm> arms = new HashMap<>();
        eventLog.records.stream().filter(LogRecord.MessageQueued.class::isInstance)
                .map(LogRecord.MessageQueued.class::cast)
                .forEach(q -> arms.put(q.messageId(), q.arm()));
        assertThat(arms).hasSize(rows.size());
        after.values().forEach(r -> assertThat(arms.get(r.id()))
                .isEqualTo(new ExperimentArm(experiment.id(), r.variant(), Boolean.parseBoolean(r.inTest()))));
    }

    @Test
    void shouldSendAChannelVariantOnItsChannelAndCountTheUnreachableUnderIt() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
        DistributionStore distributions = PostgresAdapters.distributionStore(transactions);
        ExperimentStore experiments = PostgresAdapters.experimentStore(transactions);
        TenantId tenant = PostgresAdapters.tenantDirectory(transactions).createTenant("ab-channel", "AB channel")
                .block(TIMEOUT).id();
        distributions.chooseProvider(tenant, Channel.EMAIL, Provider.SENDGRID).block(TIMEOUT);
        distributions.chooseProvider(tenant, Channel.SMS, Provider.TWILIO).block(TIMEOUT);
        UUID survey = distributions.createSurvey(tenant, "Survey", "https://survey.example/s/2").block(TIMEOUT);
        UUID distribution = distributions.create(tenant, new DistributionSpec(survey, "d", List.of(Channel.EMAIL),
                new MessageTemplate("Hi {{first_name}}", "Hi {{first_name}}, {{survey_link}}", null), null))
                .block(TIMEOUT);
        // Every third recipient has no phone number; one phone number is suppressed on SMS.
        List<Recipient> list = IntStream.range(0, 90).mapToObj(n -> {
            RecipientInput input = new RecipientInput("c" + n + "@example.com",
                    n % 3 == 0 ? null : "+4915100000" + String.format("%03d", n), null, "en", null,
                    Map.of("first_name", "C" + n));
            return ((RecipientRules.Checked.Valid) RecipientRules.check("r", input, List.of(Channel.EMAIL)))
                    .recipient();
        }).toList();
        assertThat(distributions.addRecipients(tenant, distribution, Flux.just(list)).block(TIMEOUT)).isEqualTo(90);
        Experiment experiment = experiments.create(tenant, new ExperimentDesign(distribution, "channels", List.of(
                        new Variant("email", 0.5, Map.of()), new Variant("sms", 0.5, Map.of("channel", "sms"))),
                Metric.RESPONSE, 0.05, 0.8, 0.05, 1_000, 1.0, null)).block(TIMEOUT);
        String suppressedPhone = list.stream().filter(r -> r.phone() != null && VariantAssigner.variant(
                        experiment.id(), r.id(), experiment.design().variants()).key().equals("sms"))
                .findFirst().orElseThrow().phone();
        TestSql.superuserExecute(db, "insert into suppressions (tenant_id, channel, address, reason)"
                + " values (?, 'sms', ?, 'unsubscribed')", tenant.value(), suppressedPhone);
        experiments.changeStatus(tenant, experiment.id(), ExperimentStatus.DRAFT, ExperimentStatus.RUNNING,
                clock.instant()).block(TIMEOUT);
        assertThat(distributions.change(tenant, distribution, DistributionStore.Action.START, clock.instant())
                .block(TIMEOUT)).isTrue();
        FakeProvider sendgrid = new FakeProvider();
        FakeProvider twilio = new FakeProvider(Provider.TWILIO);
        RecordingEventLog eventLog = new RecordingEventLog();
        OutboxSender sender = new OutboxSender(PostgresAdapters.sendOutbox(transactions),
                new ProviderClients(List.of(sendgrid, twilio)), new FixedProviderSecrets(Map.of("apiKey", "k")),
                eventLog, LINKS, new Experiments(experiments, clock), clock, Schedulers.parallel(), SETTINGS,
                "w-" + UUID.randomUUID());

        drain(sender).collectList().block(TIMEOUT);
        while (sender.recordOnce().block(TIMEOUT) > 0) {
            // every finished send reaches the event log
        }

        Map<String, LogRecord.MessageQueued> queued = new HashMap<>();
        eventLog.records.stream().filter(LogRecord.MessageQueued.class::isInstance)
                .map(LogRecord.MessageQueued.class::cast)
                .forEach(q -> queued.put(q.messageId().toString(), q));
        Map<String, Recipient> byRecipient = new HashMap<>();
        list.forEach(r -> byRecipient.put(r.id().toString(), r));
        int smsArm = 0;
        int unreachable = 0;
        int suppressed = 0;
        for (String line : TestSql.superuserStrings(db, "select id || ' ' || recipient_id || ' ' || variant_key"
                + " || ' ' || channel || ' ' || coalesce(nullif(address, ''), '-') || ' ' || state || ' '"
                + " || coalesce(error_code, '-') || ' ' || coalesce(provider, '-') from send_outbox"
                + " where distribution_id = ?", distribution)) {
            String[] f = line.split(" ");
            Recipient r = byRecipient.get(f[1]);
            String hashed = VariantAssigner.variant(experiment.id(), r.id(), experiment.design().variants()).key();
            assertThat(f[2]).isEqualTo(hashed);
            if (hashed.equals("email")) {
                assertThat(f).containsSubsequence("email", r.email(), "sent", "-", "sendgrid");
                assertThat(sendgrid.messages.get(f[0]).to()).isEqualTo(r.email());
                continue;
            }
            smsArm++;
            assertThat(sendgrid.messages).as("an SMS-arm recipient never gets an email").doesNotContainKey(f[0]);
            if (r.phone() == null) {
                unreachable++;
                assertThat(f).containsSubsequence("sms", "-", "failed", "no-address-for-variant-channel", "twilio");
                assertThat(queued.get(f[0])).as("counted among the variant's trials").isNotNull()
                        .extracting(LogRecord.MessageQueued::channel, LogRecord.MessageQueued::provider)
                        .containsExactly(Channel.SMS, Provider.TWILIO);
            } else if (r.phone().equals(suppressedPhone)) {
                suppressed++;
                assertThat(f).containsSubsequence("sms", r.phone(), "suppressed");
                assertThat(twilio.messages).doesNotContainKey(f[0]);
            } else {
                assertThat(f).containsSubsequence("sms", r.phone(), "sent", "-", "twilio");
                assertThat(twilio.messages.get(f[0]).to()).isEqualTo(r.phone());
                assertThat(twilio.messages.get(f[0]).text()).startsWith("Hi " + r.fields().get("first_name") + ", ");
                assertThat(queued.get(f[0])).extracting(LogRecord.MessageQueued::channel,
                        LogRecord.MessageQueued::provider, q -> q.arm().variant())
                        .containsExactly(Channel.SMS, Provider.TWILIO, "sms");
            }
        }
        assertThat(smsArm).isBetween(20, 70);
        assertThat(unreachable).isPositive();
        assertThat(suppressed).isEqualTo(1);
        assertThat(sendgrid.accepted.size() + twilio.accepted.size() + failedOrSuppressed(distribution))
                .isEqualTo(90);
    }

    private static int failedOrSuppressed(UUID distribution) throws Exception {
        return Integer.parseInt(TestSql.superuserStrings(db, "select count(*)::text from send_outbox"
                + " where distribution_id = ? and state in ('failed', 'suppressed')", distribution).getFirst());
    }

    private static Map<UUID, Row> rows(UUID distribution) throws Exception {
        Map<UUID, Row> rows = new HashMap<>();
        for (String line : TestSql.superuserStrings(db, "select id || ' ' || recipient_id || ' '"
                + " || coalesce(variant_key, '-') || ' ' || coalesce(variant_in_test::text, '-') || ' ' || state"
                + " || ' ' || attempts from send_outbox where distribution_id = ?", distribution)) {
            String[] f = line.split(" ");
            rows.put(UUID.fromString(f[0]), new Row(UUID.fromString(f[0]), UUID.fromString(f[1]),
                    f[2].equals("-") ? "" : f[2], f[3], f[4], Integer.parseInt(f[5])));
        }
        return rows;
    }

    private static Flux<SendResult> drain(OutboxSender worker) {
        return Mono.defer(() -> worker.sendOnce().collectList())
                .repeat()
                .takeWhile(batch -> !batch.isEmpty())
                .flatMapIterable(batch -> batch);
    }

    private static UUID distribution(DistributionStore store, TenantId tenant, int recipients) {
        UUID survey = store.createSurvey(tenant, "Survey", "https://survey.example/s/1").block(TIMEOUT);
        UUID id = store.create(tenant, new DistributionSpec(survey, "d", List.of(Channel.EMAIL),
                new MessageTemplate("Hi {{first_name}}", "Hi {{first_name}}, {{survey_link}}", null), null))
                .block(TIMEOUT);
        List<Recipient> list = IntStream.range(0, recipients).mapToObj(n -> {
            RecipientInput input = new RecipientInput("p" + n + "@example.com", null, null, "en", null,
                    Map.of("first_name", "P" + n));
            return ((RecipientRules.Checked.Valid) RecipientRules.check("r", input, List.of(Channel.EMAIL)))
                    .recipient();
        }).toList();
        assertThat(store.addRecipients(tenant, id, Flux.just(list)).block(TIMEOUT)).isEqualTo(recipients);
        return id;
    }
}
