package io.funnelstream.api.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.infra.postgres.TenantTransactions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description is public, documents the analytics API, and every path it documents answers. */
@AnalyticsIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiIntegrationTests {

    static final List<String> ANALYTICS_PATHS = List.of(
            "/api/analytics/delivery/overview",
            "/api/analytics/delivery/channel/{channel}",
            "/api/analytics/delivery/funnel",
            "/api/analytics/delivery/timeline",
            "/api/analytics/delivery/distributions",
            "/api/analytics/delivery/distributions/{id}");

    @Autowired
    WebTestClient client;

    AnalyticsFixture acme;
    History history;

    @BeforeAll
    void writeHistory(
            @Autowired TenantDirectory directory,
            @Autowired TenantTransactions transactions,
            @Autowired RollupStore store) {
        acme = AnalyticsFixture.create(directory, transactions, store, "acme-openapi");
        history = History.writeTo(acme);
    }

    @Test
    void shouldServeTheDescriptionWithoutAKey() {
        JsonNode api = apiDocs();

        assertThat(api.at("/openapi").asString()).startsWith("3.");
        assertThat(api.at("/info/title").asString()).isEqualTo("Funnelstream API");
        assertThat(api.at("/components/securitySchemes/apiKey/scheme").asString()).isEqualTo("bearer");
    }

    @Test
    void shouldDocumentEveryAnalyticsEndpointWithItsParametersSourceHeaderAndProblems() {
        JsonNode paths = apiDocs().at("/paths");

        for (String path : ANALYTICS_PATHS) {
            JsonNode get = paths.path(path).path("get");
            assertThat(get.isObject()).as("%s is documented", path).isTrue();
            assertThat(get.at("/responses/200/headers/X-Funnelstream-Source").isObject()).as(path).isTrue();
            assertThat(get.at("/responses/400/content").has("application/problem+json")).as(path).isTrue();
            assertThat(get.at("/responses/401").isObject()).as(path).isTrue();
            assertThat(get.at("/security/0").has("apiKey")).as(path).isTrue();
        }
        assertThat(parameterNames(paths.path("/api/analytics/delivery/timeline").path("get")))
                .contains("bucket", "from", "to", "tz", "channel", "distribution");
        assertThat(parameterNames(paths.path("/api/analytics/delivery/distributions").path("get")))
                .contains("page", "size", "sort", "from", "to");
        JsonNode schemas = apiDocs().at("/components/schemas");
        assertThat(schemas.at("/Rates/properties/delivery").isObject()).isTrue();
        assertThat(schemas.at("/Rate/properties/numerator").isObject()).isTrue();
    }

    @Test
    void shouldAnswerEveryDocumentedAnalyticsPath() {
        List<String> documented = new ArrayList<>();
        apiDocs().at("/paths").propertyNames().forEach(path -> {
            if (path.startsWith("/api/analytics/delivery")) {
                documented.add(path);
            }
        });

        assertThat(documented).containsExactlyInAnyOrderElementsOf(ANALYTICS_PATHS);
        for (String path : documented) {
            String uri = path.replace("{channel}", "email").replace("{id}", history.spring.toString());
            client.get().uri(uri).header("X-API-Key", acme.key).exchange()
                    .expectStatus().isOk()
                    .expectHeader().exists(Requests.SOURCE_HEADER);
        }
    }

    private JsonNode apiDocs() {
        return Json.read(client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private static List<String> parameterNames(JsonNode operation) {
        List<String> names = new ArrayList<>();
        operation.path("parameters").forEach(p -> names.add(p.path("name").asString()));
        return names;
    }
}
