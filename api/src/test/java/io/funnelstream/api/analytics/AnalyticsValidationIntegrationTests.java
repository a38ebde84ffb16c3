package io.funnelstream.api.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.infra.postgres.TenantTransactions;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Callers without a key, parameters that cannot be used, and tenants that must not see each other. */
@AnalyticsIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsValidationIntegrationTests {

    static final String PROBLEMS = "https://funnelstream.io/problems/";
    static final String[] ENDPOINTS = {
        "/api/analytics/delivery/overview", "/api/analytics/delivery/channel/email",
        "/api/analytics/delivery/funnel", "/api/analytics/delivery/timeline",
        "/api/analytics/delivery/distributions", "/api/analytics/delivery/distributions/" + UUID.randomUUID()
    };

    @Autowired
    WebTestClient client;

    AnalyticsFixture acme;
    AnalyticsFixture globex;
    History acmeHistory;
    UUID globexDistribution;

    @BeforeAll
    void writeHistories(
            @Autowired TenantDirectory directory,
            @Autowired TenantTransactions transactions,
            @Autowired RollupStore store) {
        acme = AnalyticsFixture.create(directory, transactions, store, "acme-validation");
        acmeHistory = History.writeTo(acme);
        globex = AnalyticsFixture.create(directory, transactions, store, "globex-validation");
        globexDistribution = globex.distribution("globex launch", AnalyticsTestConfiguration.NOW.minusSeconds(86_400));
        globex.message(Channel.SMS, Provider.TWILIO, globexDistribution)
                .event(EventType.SENT, "2026-11-24T12:00:00Z").event(EventType.DELIVERED, "2026-11-24T12:00:05Z")
                .save();
    }

    @Test
    void shouldRefuseEveryEndpointWithoutAKey() {
        for (String endpoint : ENDPOINTS) {
            client.get().uri(endpoint).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "unauthorized");
        }
    }

    @Test
    void shouldRefuseBadRangesWithAClearDetail() {
        assertProblem("/overview?from=2026-11-20&to=2026-11-10", "invalid-range",
                "from (2026-11-20T00:00:00Z) must be before to (2026-11-11T00:00:00Z)");
        assertProblem("/overview?from=2021-01-01&to=2025-01-01", "invalid-range", "at most 1096 days");
        assertProblem("/overview?from=yesterday", "invalid-time", "from 'yesterday' is neither an ISO-8601 instant");
        assertProblem("/funnel?to=2026-02-30", "invalid-time", "to '2026-02-30'");
        assertProblem("/overview?tz=Mars/Olympus_Mons", "invalid-time-zone", "Europe/Berlin");
        assertProblem("/overview?from=2020-01-01&to=2020-02-01", "beyond-retention", "kept for 1096 days");
    }

    @Test
    void shouldListTheValidChannelsWhenRefusingAnother() {
        JsonNode problem = assertProblem("/channel/fax", "unknown-channel", "use one of email, sms, whatsapp");
        assertProblem("/funnel?channel=pigeon", "unknown-channel", "'pigeon'");

        assertThat(problem.at("/allowed").toString()).isEqualTo("[\"email\",\"sms\",\"whatsapp\"]");
        assertThat(problem.at("/status").asInt()).isEqualTo(400);
        assertThat(problem.at("/instance").asString()).isEqualTo("/api/analytics/delivery/channel/fax");
    }

    @Test
    void shouldRefuseUnknownBucketsAndTimelinesBeyondTheBucketLimit() {
        assertProblem("/timeline?bucket=week", "unknown-bucket", "use one of minute, hour, day");
        assertProblem("/timeline?bucket=minute", "too-many-buckets", "10081 minute buckets; at most 10000");
        assertProblem("/timeline?bucket=day&tz=Asia/Tokyo&from=2025-01-01&to=2026-11-01", "too-many-buckets",
                "at most 10000");
        assertProblem("/timeline?bucket=minute&from=2026-11-20T00:00:00Z&to=2026-11-20T01:00:00Z", "beyond-retention",
                "minute rollups are kept for 2 days");
    }

    @Test
    void shouldRefuseUnknownSortFieldsAndBadPages() {
        JsonNode sort = assertProblem("/distributions?sort=popularity,desc", "unknown-sort-field", "deliveryRate");
        assertProblem("/distributions?sort=sent,upwards", "invalid-sort", "<field>,asc or <field>,desc");
        assertProblem("/distributions?page=-1", "invalid-page", "page '-1'");
        assertProblem("/distributions?size=1000", "invalid-page", "from 1 to 100");

        assertThat(sort.at("/allowed/0").asString()).isEqualTo("name");
    }

    @Test
    void shouldRefuseMalformedAndUnknownDistributions() {
        assertProblem("/funnel?distribution=42", "invalid-distribution", "'42'");
        assertProblem("/distributions/not-a-uuid", "invalid-distribution", "'not-a-uuid'");
        UUID nobody = UUID.randomUUID();
        client.get().uri("/api/analytics/delivery/distributions/" + nobody).header("X-API-Key", acme.key).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "distribution-not-found");
    }

    @Test
    void shouldShowEachTenantOnlyItsOwnMessagesAndDistributions() {
        JsonNode acmeOverview = get(acme, "/overview");
        JsonNode globexOverview = get(globex, "/overview");
        JsonNode globexList = get(globex, "/distributions");

        assertThat(acmeOverview.at("/total/counts/messages/sent").asLong()).isEqualTo(7);
        assertThat(globexOverview.at("/total/counts/messages/sent").asLong()).isEqualTo(1);
        assertThat(globexOverview.at("/channels/email/counts/messages/sent").asLong()).isZero();
        assertThat(globexList.at("/totalElements").asLong()).isEqualTo(1);
        assertThat(globexList.at("/items/0/name").asString()).isEqualTo("globex launch");
        assertThat(get(globex, "/funnel?distribution=" + acmeHistory.spring).at("/steps/0/count").asLong()).isZero();
        for (UUID foreign : new UUID[] {acmeHistory.spring, acmeHistory.summer}) {
            client.get().uri("/api/analytics/delivery/distributions/" + foreign).header("X-API-Key", globex.key)
                    .exchange()
                    .expectStatus().isNotFound();
        }
        client.get().uri("/api/analytics/delivery/distributions/" + globexDistribution).header("X-API-Key", acme.key)
                .exchange()
                .expectStatus().isNotFound();
    }

    private JsonNode get(AnalyticsFixture fixture, String path) {
        return Json.read(client.get().uri("/api/analytics/delivery" + path).header("X-API-Key", fixture.key)
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private JsonNode assertProblem(String path, String slug, String detailPart) {
        String body = client.get().uri("/api/analytics/delivery" + path).header("X-API-Key", acme.key).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode problem = Json.read(body);
        assertThat(problem.at("/type").asString()).as(path).isEqualTo(PROBLEMS + slug);
        assertThat(problem.at("/detail").asString()).as(path).contains(detailPart);
        return problem;
    }
}
