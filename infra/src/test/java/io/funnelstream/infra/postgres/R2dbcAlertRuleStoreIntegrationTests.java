package io.funnelstream.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.alert.AlertKind;
import io.funnelstream.engine.alert.AlertRule;
import io.funnelstream.engine.alert.AlertRuleStore;
import io.funnelstream.engine.alert.AlertRules;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.testkit.PostgresTestDatabase;
import io.r2dbc.pool.ConnectionPool;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/** Tenants' alert rules in Postgres: defaults until set, replaced, reset, and never seen by another tenant. */
class R2dbcAlertRuleStoreIntegrationTests {

    @RegisterExtension
    static PostgresTestDatabase db = new PostgresTestDatabase();

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    static ConnectionPool pool;
    static TenantDirectory directory;
    static AlertRuleStore store;

    @BeforeAll
    static void migrate() {
        TestSql.migrations(db).up();
        pool = TestSql.appPool(db, 4);
        TenantTransactions transactions = new TenantTransactions(pool);
        directory = PostgresAdapters.tenantDirectory(transactions);
        store = PostgresAdapters.alertRuleStore(transactions);
    }

    @AfterAll
    static void closePool() {
        pool.dispose();
    }

    @Test
    void shouldKeepEachTenantsOwnRulesApartFromTheDefaults() {
        TenantId acme = directory.createTenant("alerts-acme", "Acme").block(TIMEOUT).id();
        TenantId globex = directory.createTenant("alerts-globex", "Globex").block(TIMEOUT).id();
        AlertRule strict = new AlertRule(0.02, 500, 0.005, 5);
        StepVerifier.create(store.rules(acme)).expectNext(AlertRules.DEFAULT).expectComplete().verify(TIMEOUT);
        StepVerifier.create(store.put(acme, AlertKind.BOUNCE_RATE, new AlertRule(0.1, 1, 0, 1))
                        .then(store.put(acme, AlertKind.BOUNCE_RATE, strict)))
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(store.rules(acme))
                .assertNext(rules -> {
                    assertThat(rules.rule(AlertKind.BOUNCE_RATE)).isEqualTo(strict);
                    assertThat(rules.rule(AlertKind.DELIVERY_RATE))
                            .isEqualTo(AlertRule.defaultFor(AlertKind.DELIVERY_RATE));
                })
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(store.rules(globex)).expectNext(AlertRules.DEFAULT).expectComplete().verify(TIMEOUT);
        StepVerifier.create(store.delete(globex, AlertKind.BOUNCE_RATE)).expectNext(false)
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(store.delete(acme, AlertKind.BOUNCE_RATE)).expectNext(true)
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(store.rules(acme)).expectNext(AlertRules.DEFAULT).expectComplete().verify(TIMEOUT);
    }
}
