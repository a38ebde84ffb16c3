package io.funnelstream.infra.postgres;

import static io.funnelstream.infra.postgres.TestSql.column;
import static io.funnelstream.infra.postgres.TestSql.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.testkit.PostgresTestDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Connected as funnelstream_app, as the service is: the database itself keeps tenants apart. */
class RowLevelSecurityIntegrationTests {

    @RegisterExtension
    static PostgresTestDatabase db = new PostgresTestDatabase();

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String SURVEY_INSERT =
            "insert into surveys (tenant_id, title, link) values ($1, $2, 'https://s.example')";

    static ConnectionPool pool;
    static TenantTransactions transactions;
    static TenantId tenantA;
    static TenantId tenantB;
    static UUID surveyOfB;

    @BeforeAll
    static void migrateAndSeed() throws Exception {
        TestSql.migrations(db).up();
        tenantA = createTenant("tenant-a");
        tenantB = createTenant("tenant-b");
        String insert = "insert into surveys (tenant_id, title, link) values (?, ?, 'https://s.example') returning id";
        TestSql.superuserStrings(db, insert, tenantA.value(), "a1");
        TestSql.superuserStrings(db, insert, tenantA.value(), "a2");
        surveyOfB = UUID.fromString(TestSql.superuserStrings(db, insert, tenantB.value(), "b1").getFirst());
        TestSql.superuserExecute(db, "insert into messages (tenant_id, channel, provider, provider_message_id)"
                        + " values (?, 'email', 'sendgrid', 'a-1'), (?, 'sms', 'twilio', 'b-1')",
                tenantA.value(),
                tenantB.value());
        pool = TestSql.appPool(db, 4);
        transactions = new TenantTransactions(pool);
    }

    @AfterAll
    static void closePool() {
        pool.dispose();
    }

    @Test
    void shouldSeeNoRowsWhenNoTenantIsSet() {
        for (String table : List.of("tenants", "surveys", "messages")) {
            transactions.inTransaction(c -> column(c, Long.class, "select count(*) from " + table))
                    .as(StepVerifier::create)
                    .expectNext(0L)
                    .expectComplete()
                    .verify(TIMEOUT);
        }
        Flux.usingWhen(pool.create(), c -> column(c, Long.class, "select count(*) from surveys"), Connection::close)
                .as(StepVerifier::create)
                .as("outside any transaction too")
                .expectNext(0L)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void shouldSeeOnlyItsOwnRowsEvenWithoutATenantFilter() {
        transactions.inTenant(tenantA, c -> column(c, UUID.class, "select tenant_id from surveys"))
                .collectList()
                .as(StepVerifier::create)
                .assertNext(tenants -> assertThat(tenants).hasSize(2).containsOnly(tenantA.value()))
                .expectComplete()
                .verify(TIMEOUT);
        transactions.inTenant(tenantB, c -> column(c, String.class, "select provider_message_id from messages"))
                .collectList()
                .as(StepVerifier::create)
                .assertNext(ids -> assertThat(ids).containsExactly("b-1"))
                .expectComplete()
                .verify(TIMEOUT);
        transactions.inTenant(tenantA, c -> column(c, UUID.class, "select id from tenants"))
                .collectList()
                .as(StepVerifier::create)
                .assertNext(ids -> assertThat(ids).containsExactly(tenantA.value()))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void shouldRejectInsertingARowForAnotherTenant() {
        transactions.inTenant(tenantA, c -> update(c, SURVEY_INSERT, tenantB.value(), "smuggled"))
                .as(StepVerifier::create)
                .expectErrorSatisfies(RowLevelSecurityIntegrationTests::assertPolicyViolation)
                .verify(TIMEOUT);
    }

    @Test
    void shouldRejectInsertingWhenNoTenantIsSet() {
        transactions.inTransaction(c -> update(c, SURVEY_INSERT, tenantA.value(), "orphan"))
                .as(StepVerifier::create)
                .expectErrorSatisfies(RowLevelSecurityIntegrationTests::assertPolicyViolation)
                .verify(TIMEOUT);
    }

    @Test
    void shouldRejectMovingItsRowToAnotherTenant() {
        transactions.inTenant(tenantA, c -> update(c, "update surveys set tenant_id = $1", tenantB.value()))
                .as(StepVerifier::create)
                .expectErrorSatisfies(RowLevelSecurityIntegrationTests::assertPolicyViolation)
                .verify(TIMEOUT);
    }

    @Test
    void shouldLeaveAnotherTenantsRowsUntouched() throws Exception {
        transactions.inTenant(tenantA, c -> update(c, "update surveys set title = 'hijacked' where id = $1", surveyOfB)
                        .concatWith(update(c, "delete from surveys where id = $1", surveyOfB)))
                .as(StepVerifier::create)
                .expectNext(0L, 0L)
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(TestSql.superuserStrings(db, "select title from surveys where id = ?", surveyOfB))
                .containsExactly("b1");
    }

    @Test
    void shouldRefuseAReferenceToAnotherTenantsRow() {
        String sql = "insert into distributions (tenant_id, survey_id, name) values ($1, $2, 'probe')";
        transactions.inTenant(tenantA, c -> update(c, sql, tenantA.value(), surveyOfB))
                .as(StepVerifier::create)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(R2dbcException.class)
                        .extracting(e -> ((R2dbcException) e).getSqlState())
                        .isEqualTo("23503"))
                .verify(TIMEOUT);
    }

    @Test
    void shouldNotLetTheServiceRoleBypassRowLevelSecurity() throws Exception {
        transactions.inTransaction(c -> column(c, String.class,
                        "select rolname || ' ' || rolsuper || ' ' || rolbypassrls from pg_roles"
                                + " where rolname = current_user"))
                .as(StepVerifier::create)
                .expectNext("funnelstream_app false false")
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(TestSql.superuserStrings(db,
                        "select distinct tableowner from pg_tables where schemaname = 'public'"))
                .doesNotContain(TestSql.APP_ROLE);
    }

    /**
     * Tables that span tenants by design, as a Kafka topic does: the embedded event log and the consumers'
     * positions in it, and the rollup pipeline's outbox, applied marks and dead letters. Every record in them
     * carries its tenant; nothing is served from them to a tenant. A new table lands here only by a deliberate
     * edit of this list.
     */
    static final List<String> SYSTEM_TABLES = List.of("event_log", "event_log_positions", "rollup_outbox",
            "rollup_applied", "pipeline_dead_letters");

    @Test
    void shouldProtectEveryTableWithTheTenantPolicy() throws Exception {
        List<String> unprotected = TestSql.superuserStrings(db, """
                select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and c.relkind = 'r' and c.relname not like 'databasechangelog%'
                  and (not c.relrowsecurity or not exists (
                      select 1 from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname
                        and p.cmd = 'ALL' and p.qual like '%funnelstream.tenant_id%'
                        and p.with_check like '%funnelstream.tenant_id%'))
                """);
        assertThat(unprotected).containsExactlyInAnyOrderElementsOf(SYSTEM_TABLES);
        assertThat(TestSql.superuserStrings(db, "select count(*) from pg_tables where schemaname = 'public'"))
                .as("the check above saw the tables")
                .allMatch(n -> Integer.parseInt(n) >= 9);
    }

    @Test
    void shouldKeepTheMigrationHistoryAwayFromTheServiceRole() {
        transactions.inTransaction(c -> column(c, Long.class, "select count(*) from databasechangelog"))
                .as(StepVerifier::create)
                .expectErrorSatisfies(error -> assertThat(((R2dbcException) error).getSqlState()).isEqualTo("42501"))
                .verify(TIMEOUT);
    }

    private static TenantId createTenant(String slug) throws Exception {
        return TenantId.of(TestSql.superuserStrings(db, "select funnelstream_create_tenant(?, ?)", slug, slug)
                .getFirst());
    }

    private static void assertPolicyViolation(Throwable error) {
        assertThat(error).isInstanceOf(R2dbcException.class).hasMessageContaining("row-level security");
        assertThat(((R2dbcException) error).getSqlState()).isEqualTo("42501");
    }
}
