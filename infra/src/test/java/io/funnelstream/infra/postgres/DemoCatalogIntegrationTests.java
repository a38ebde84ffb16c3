package io.funnelstream.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.testkit.PostgresTestDatabase;
import io.r2dbc.pool.ConnectionPool;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the demo simulator writes: a survey, a running distribution over its channels, numbered recipients. */
class DemoCatalogIntegrationTests {

    @RegisterExtension
    static PostgresTestDatabase db = new PostgresTestDatabase();

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    static ConnectionPool pool;
    static TenantId tenant;

    @BeforeAll
    static void migrate() throws Exception {
        TestSql.migrations(db).up();
        tenant = TenantId.of(TestSql.superuserStrings(db, "select funnelstream_create_tenant('demo', 'Demo')")
                .getFirst());
        pool = TestSql.appPool(db, 2);
    }

    @AfterAll
    static void closePool() {
        pool.dispose();
    }

    @Test
    void shouldCreateARunningDistributionOverItsChannelsWithNumberedRecipients() throws Exception {
        DemoCatalog catalog = new DemoCatalog(new TenantTransactions(pool));
        UUID survey = catalog.survey(tenant, "Onboarding", "https://s.example/onboarding").block(TIMEOUT);

        UUID distribution = catalog.distribution(tenant, survey, "Spring wave", List.of("email", "whatsapp"))
                .block(TIMEOUT);
        List<DemoCatalog.Recipient> recipients = catalog.recipients(tenant, distribution, 1, 3)
                .collectList().block(TIMEOUT);

        assertThat(TestSql.superuserStrings(db,
                "select status || ' ' || array_to_string(channels, ',') from distributions where id = ?",
                distribution)).containsExactly("running email,whatsapp");
        assertThat(recipients).hasSize(3).extracting(DemoCatalog.Recipient::id).doesNotHaveDuplicates();
    }
}
