package io.funnelstream.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.experiment.Assignment;
import io.funnelstream.engine.experiment.Experiment;
import io.funnelstream.engine.experiment.ExperimentDesign;
import io.funnelstream.engine.experiment.ExperimentStatus;
import io.funnelstream.engine.experiment.ExperimentStore;
import io.funnelstream.engine.experiment.Metric;
import io.funnelstream.engine.experiment.Variant;
import io.funnelstream.engine.experiment.stats.Proportion;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.testkit.PostgresTestDatabase;
import io.r2dbc.pool.ConnectionPool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

/** Experiments, variants and assignments on a real Postgres, as the service role under row-level security. */
class R2dbcExperimentStoreIntegrationTests {

    @RegisterExtension
    static PostgresTestDatabase db = new PostgresTestDatabase();

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    static ConnectionPool pool;
    static TenantDirectory directory;
    static ExperimentStore store;

    @BeforeAll
    static void migrate() {
        TestSql.migrations(db).up();
        pool = TestSql.appPool(db, 4);
        TenantTransactions transactions = new TenantTransactions(pool);
        directory = PostgresAdapters.tenantDirectory(transactions);
        store = PostgresAdapters.experimentStore(transactions);
    }

    @AfterAll
    static void closePool() {
        pool.dispose();
    }

    @Test
    void shouldStoreAndReadBackAnExperimentWithItsVariantsInOrder() throws Exception {
        TenantId tenant = tenant("exp-store");
        UUID distribution = distribution(tenant);
        Instant deadline = Instant.parse("2026-12-01T10:00:00Z");
        Experiment created = store.create(tenant, design(distribution, 0.4, deadline)).block(TIMEOUT);

        assertThat(created.status()).isEqualTo(ExperimentStatus.DRAFT);
        assertThat(created.winner()).isNull();
        assertThat(created.design()).isEqualTo(design(distribution, 0.4, deadline));
        assertThat(store.find(tenant, created.id()).block(TIMEOUT)).isEqualTo(created);
        assertThat(store.list(tenant, 10).collectList().block(TIMEOUT)).containsExactly(created);
        assertThat(store.findForDistribution(tenant, distribution).blockOptional(TIMEOUT)).isEmpty();
        assertThat(store.create(tenant, design(UUID.randomUUID(), 1, null)).blockOptional(TIMEOUT)).isEmpty();
    }

    @Test
    void shouldMoveOnlyFromTheExpectedStatusAndRecordOneWinner() throws Exception {
        TenantId tenant = tenant("exp-status");
        UUID distribution = distribution(tenant);
        UUID id = store.create(tenant, design(distribution, 1, null)).block(TIMEOUT).id();
        Instant at = Instant.parse("2026-11-25T12:00:00Z");

        assertThat(store.changeStatus(tenant, id, ExperimentStatus.DRAFT, ExperimentStatus.RUNNING, at)
                .block(TIMEOUT).status()).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(store.changeStatus(tenant, id, ExperimentStatus.DRAFT, ExperimentStatus.RUNNING, at)
                .blockOptional(TIMEOUT)).isEmpty();
        assertThat(store.findForDistribution(tenant, distribution).block(TIMEOUT).id()).isEqualTo(id);

        assertThat(store.recordWinner(tenant, id, "b", "sequential").block(TIMEOUT).winner()).isEqualTo("b");
        Experiment again = store.recordWinner(tenant, id, "a", "deadline").block(TIMEOUT);
        assertThat(again.winner()).isEqualTo("b");
        assertThat(again.winnerReason()).isEqualTo("sequential");
        assertThat(TestSql.superuserStrings(db, "select started_at is not null from ab_experiments where id = ?", id))
                .containsExactly("t");
    }

    @Test
    void shouldKeepTheFirstAssignmentAndCountOutcomesPerVariant() throws Exception {
        TenantId tenant = tenant("exp-outcomes");
        UUID distribution = distribution(tenant);
        UUID id = store.create(tenant, design(distribution, 1, null)).block(TIMEOUT).id();
        UUID[] recipients = new UUID[6];
        for (int i = 0; i < recipients.length; i++) {
            recipients[i] = UUID.randomUUID();
            String variant = i < 3 ? "a" : "b";
            assertThat(store.recordAssignment(tenant, id, recipients[i], variant, true).block(TIMEOUT))
                    .isEqualTo(new Assignment.Send(variant, true));
        }
        assertThat(store.recordAssignment(tenant, id, recipients[0], "b", false).block(TIMEOUT))
                .isEqualTo(new Assignment.Send("a", true));
        store.recordAssignment(tenant, id, UUID.randomUUID(), "b", false).block(TIMEOUT);
        // a: 3 sent (2 delivered), 1 completed; b: 2 sent, both delivered and completed (one twice); one never sent
        message(tenant, distribution, recipients[0], true);
        message(tenant, distribution, recipients[1], true);
        message(tenant, distribution, recipients[1], false);
        message(tenant, distribution, recipients[2], false);
        message(tenant, distribution, recipients[3], true);
        message(tenant, distribution, recipients[4], true);
        surveyEvent(tenant, distribution, recipients[0], "completed", false);
        surveyEvent(tenant, distribution, recipients[2], "completed", true);
        surveyEvent(tenant, distribution, recipients[3], "completed", false);
        surveyEvent(tenant, distribution, recipients[4], "completed", false);
        surveyEvent(tenant, distribution, recipients[4], "completed", false);

        assertThat(store.assignedCounts(tenant, id).block(TIMEOUT)).isEqualTo(Map.of("a", 3L, "b", 3L));
        assertThat(store.outcomes(tenant, id, distribution, Metric.RESPONSE).block(TIMEOUT))
                .isEqualTo(Map.of("a", new Proportion(1, 3), "b", new Proportion(2, 2)));
        assertThat(store.outcomes(tenant, id, distribution, Metric.DELIVERY).block(TIMEOUT))
                .isEqualTo(Map.of("a", new Proportion(2, 3), "b", new Proportion(2, 2)));
        assertThat(store.outcomes(tenant, id, distribution, Metric.VIEW).block(TIMEOUT))
                .isEqualTo(Map.of("a", new Proportion(0, 3), "b", new Proportion(0, 2)));
    }

    @Test
    void shouldAgreeOnOneVariantWhenInstancesRace() throws Exception {
        TenantId tenant = tenant("exp-race");
        UUID id = store.create(tenant, design(distribution(tenant), 1, null)).block(TIMEOUT).id();
        UUID recipient = UUID.randomUUID();
        List<Assignment.Send> answers = Flux.range(0, 8)
                .flatMap(i -> store.recordAssignment(tenant, id, recipient, i % 2 == 0 ? "a" : "b", true), 8)
                .collectList()
                .block(TIMEOUT);
        assertThat(answers).hasSize(8).allMatch(answer -> answer.equals(answers.getFirst()));
    }

    @Test
    void shouldHideOneTenantsExperimentsFromAnother() throws Exception {
        TenantId owner = tenant("exp-owner");
        TenantId other = tenant("exp-other");
        UUID id = store.create(owner, design(distribution(owner), 1, null)).block(TIMEOUT).id();
        assertThat(store.find(other, id).blockOptional(TIMEOUT)).isEmpty();
        assertThat(store.list(other, 10).collectList().block(TIMEOUT)).isEmpty();
        assertThat(store.assignedCounts(other, id).block(TIMEOUT)).isEmpty();
    }

    static ExperimentDesign design(UUID distribution, double testShare, Instant deadline) {
        return new ExperimentDesign(distribution, "subject lines",
                List.of(new Variant("a", 0.5, Map.of("subject", "Your \"view\" matters", "channel", "email")),
                        new Variant("b", 0.5, Map.of())),
                Metric.RESPONSE, 0.05, 0.8, 0.02, 20_000, testShare, deadline);
    }

    private static TenantId tenant(String slug) {
        return directory.createTenant(slug, slug).block(TIMEOUT).id();
    }

    private static UUID distribution(TenantId tenant) throws Exception {
        UUID survey = UUID.randomUUID();
        UUID distribution = UUID.randomUUID();
        execute("insert into surveys (id, tenant_id, title, link) values (?, ?, 's', 'https://example.com/s')",
                survey, tenant.value());
        execute("insert into distributions (id, tenant_id, survey_id, name) values (?, ?, ?, 'd')",
                distribution, tenant.value(), survey);
        return distribution;
    }

    private static void message(TenantId tenant, UUID distribution, UUID recipient, boolean delivered)
            throws Exception {
        execute("insert into recipients (id, tenant_id, distribution_id, email) values (?, ?, ?, 'r@example.com')"
                + " on conflict do nothing", recipient, tenant.value(), distribution);
        execute("insert into messages (tenant_id, distribution_id, recipient_id, channel, provider, delivered_at)"
                + " values (?, ?, ?, 'email', 'sendgrid', case when ? then now() end)",
                tenant.value(), distribution, recipient, delivered);
    }

    private static void surveyEvent(TenantId tenant, UUID distribution, UUID recipient, String type, boolean bot)
            throws Exception {
        execute("insert into survey_events (tenant_id, recipient_id, distribution_id, type, dedupe_key, occurred_at,"
                + " received_at, is_bot) values (?, ?, ?, ?, ?, now(), now(), ?)",
                tenant.value(), recipient, distribution, type, UUID.randomUUID().toString(), bot);
    }

    private static void execute(String sql, Object... args) throws Exception {
        try (Connection c = db.openSuperuserConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        }
    }
}
