package io.funnelstream.infra.postgres;

import static io.funnelstream.infra.postgres.TestSql.column;
import static io.funnelstream.infra.postgres.TestSql.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.testkit.PostgresTestDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Commit, rollback and release of the tenant-scoped transactions, over a pool of exactly one connection. */
class TenantTransactionsIntegrationTests {

    @RegisterExtension
    static PostgresTestDatabase db = new PostgresTestDatabase();

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Duration POLL = Duration.ofMillis(5);
    static final String INSERT = "insert into surveys (tenant_id, title, link) values ($1, $2, 'https://s.example')";

    static ConnectionPool pool;
    static TenantTransactions transactions;
    static TenantId tenant;

    @BeforeAll
    static void migrate() throws Exception {
        TestSql.migrations(db).up();
        tenant = TenantId.of(TestSql.superuserStrings(db, "select funnelstream_create_tenant('tx', 'Tx')").getFirst());
        pool = TestSql.appPool(db, 1);
        transactions = new TenantTransactions(pool);
    }

    @AfterAll
    static void closePool() {
        pool.dispose();
    }

    @Test
    void shouldCommitWhenTheWorkCompletes() {
        transactions.inTenant(tenant, c -> update(c, INSERT, tenant.value(), "committed"))
                .as(StepVerifier::create)
                .expectNext(1L)
                .expectComplete()
                .verify(TIMEOUT);

        assertTitleCount("committed", 1);
        awaitAllReleased();
    }

    @Test
    void shouldRollBackWhenTheWorkFails() {
        transactions.inTenant(tenant, c -> update(c, INSERT, tenant.value(), "failed")
                        .concatWith(Mono.error(new IllegalStateException("boom"))))
                .as(StepVerifier::create)
                .expectNext(1L)
                .expectErrorMessage("boom")
                .verify(TIMEOUT);

        awaitAllReleased();
        assertTitleCount("failed", 0);
    }

    @Test
    void shouldRollBackWhenTheSubscriberCancels() {
        transactions.inTenant(tenant, c -> update(c, INSERT, tenant.value(), "cancelled")
                        .concatWith(Flux.just(7L, 8L, 9L)))
                .take(1)
                .as(StepVerifier::create)
                .expectNext(1L)
                .expectComplete()
                .verify(TIMEOUT);

        awaitAllReleased();
        assertTitleCount("cancelled", 0);
    }

    @Test
    void shouldNotCarryTheTenantIntoTheNextTransactionOnTheSameConnection() {
        String setting = "select coalesce(current_setting('funnelstream.tenant_id', true), '')";
        transactions.inTenant(tenant, c -> column(c, String.class, setting))
                .concatWith(transactions.inTransaction(c -> column(c, String.class, setting)))
                .as(StepVerifier::create)
                .expectNext(tenant.toString(), "")
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void shouldReleaseTheConnectionAfterEveryOutcome() {
        Flux<Long> outcomes = Flux.range(0, 5).concatMap(i -> transactions
                .inTenant(tenant, c -> column(c, Long.class, "select 1/" + (i % 2) + "::bigint"))
                .onErrorResume(e -> Mono.just(-1L)));

        outcomes.as(StepVerifier::create)
                .expectNext(-1L, 1L, -1L, 1L, -1L)
                .expectComplete()
                .verify(TIMEOUT);
        awaitAllReleased();
    }

    private static void assertTitleCount(String title, long expected) {
        String sql = "select count(*) from surveys where title = $1";
        transactions.inTenant(tenant, c -> column(c, Long.class, sql, title))
                .as(StepVerifier::create)
                .expectNext(expected)
                .expectComplete()
                .verify(TIMEOUT);
    }

    /**
     * Rollback on cancel runs after the subscriber is gone: poll, within a deadline, until the pool has its
     * connection back.
     */
    private static void awaitAllReleased() {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (acquired() > 0) {
            assertThat(Instant.now()).as("connection released before the deadline").isBefore(deadline);
            LockSupport.parkNanos(POLL.toNanos());
        }
        assertThat(acquired()).isZero();
    }

    private static int acquired() {
        Optional<PoolMetrics> metrics = pool.getMetrics();
        assertThat(metrics).as("pool metrics").isPresent();
        return metrics.orElseThrow().acquiredSize();
    }
}
