package io.funnelstream.api.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.api.analytics.AnalyticsTestConfiguration.SwitchableAvailability;
import io.funnelstream.api.analytics.AnalyticsTestConfiguration.SwitchableRollupStore;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.infra.postgres.TenantTransactions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * When the rollups cannot answer (not current, or down), the same figures are counted from Postgres and the
 * response says so: every endpoint answers the same body from either source.
 */
@AnalyticsIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsFallbackIntegrationTests {

    @Autowired
    WebTestClient client;

    @Autowired
    SwitchableAvailability availability;

    @Autowired
    SwitchableRollupStore store;

    AnalyticsFixture acme;
    List<String> requests;

    @BeforeAll
    void writeHistory(@Autowired TenantDirectory directory, @Autowired TenantTransactions transactions) {
        acme = AnalyticsFixture.create(directory, transactions, store, "acme-fallback");
        History history = History.writeTo(acme);
        requests = List.of(
                "/overview",
                "/overview?from=2026-11-24T09:00:30Z&to=2026-11-24T10:30:00Z",
                "/overview?from=2026-10-01&to=2026-11-30&tz=America/New_York",
                "/channel/email",
                "/channel/whatsapp",
                "/funnel",
                "/funnel?distribution=" + history.spring,
                "/timeline?bucket=minute&from=2026-11-24T08:55:00Z&to=2026-11-24T11:10:00Z",
                "/timeline?bucket=hour&channel=sms&from=2026-11-24",
                "/timeline?bucket=day&from=2026-10-20&to=2026-11-25",
                "/timeline?bucket=day&tz=Europe/Berlin&from=2026-10-24&to=2026-10-27",
                "/distributions?sort=deliveryRate,asc",
                "/distributions/" + history.spring,
                "/distributions/" + history.summer + "?bucket=hour&from=2026-11-24&to=2026-11-24");
    }

    @AfterEach
    void restoreRollups() {
        availability.set(true);
        store.setDown(false);
    }

    @Test
    void shouldCountTheSameFiguresFromPostgresWhenTheRollupsAreNotCurrent() {
        for (String request : requests) {
            JsonNode fromRollups = get(request, "rollups");
            availability.set(false);
            int readsBefore = store.reads();

            JsonNode fromPostgres = get(request, "postgres");

            availability.set(true);
            assertThat(store.reads()).as("no rollup read for %s", request).isEqualTo(readsBefore);
            assertThat(fromPostgres).as(request).isEqualTo(fromRollups);
        }
    }

    @Test
    void shouldCountFromPostgresWhenTheRollupStoreFails() {
        JsonNode fromRollups = get("/overview", "rollups");
        store.setDown(true);

        JsonNode fromPostgres = get("/overview", "postgres");

        assertThat(fromPostgres).isEqualTo(fromRollups);
        assertThat(fromPostgres.at("/total/counts/messages/sent").asLong()).isEqualTo(7);
    }

    /** The body, checking the source header ({@code rollups} stands for "rollups, possibly with Postgres"). */
    private JsonNode get(String request, String source) {
        WebTestClient.ResponseSpec response = client.get().uri("/api/analytics/delivery" + request)
                .header("X-API-Key", acme.key)
                .exchange()
                .expectStatus().isOk();
        String header = response.returnResult(String.class).getResponseHeaders().getFirst(Requests.SOURCE_HEADER);
        if (source.equals("postgres")) {
            assertThat(header).as(request).isEqualTo("postgres");
        } else {
            assertThat(header).as(request).startsWith("rollups");
        }
        return Json.read(response.expectBody(String.class).returnResult().getResponseBody());
    }
}
