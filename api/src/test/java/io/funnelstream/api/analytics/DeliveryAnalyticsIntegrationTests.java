package io.funnelstream.api.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.infra.postgres.TenantTransactions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Every endpoint's numbers over a history known by heart ({@link History}), read from the rollups. */
@AnalyticsIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryAnalyticsIntegrationTests {

    @Autowired
    WebTestClient client;

    AnalyticsFixture acme;
    History history;

    @BeforeAll
    void writeHistory(
            @Autowired TenantDirectory directory,
            @Autowired TenantTransactions transactions,
            @Autowired RollupStore store) {
        acme = AnalyticsFixture.create(directory, transactions, store, "acme-numbers");
        history = History.writeTo(acme);
    }

    @Test
    void shouldGiveTheOverviewOfTheLastSevenDaysWithEveryRateAndItsCounts() {
        JsonNode body = get("/api/analytics/delivery/overview", "rollups");

        assertThat(body.at("/range/from").asString()).isEqualTo("2026-11-18T10:00:00Z");
        assertThat(body.at("/range/to").asString()).as("today read whole: nothing happened after now")
                .isEqualTo("2026-11-26T00:00:00Z");
        assertThat(body.at("/range/resolution").asString()).isEqualTo("hour");
        assertThat(body.at("/range/requestedFrom").asString()).isEqualTo("2026-11-18T10:17:42Z");
        JsonNode total = body.at("/total");
        assertThat(total.at("/counts/messages/sent").asLong()).isEqualTo(7);
        assertThat(total.at("/counts/messages/delivered").asLong()).isEqualTo(4);
        assertThat(total.at("/counts/messages/bounced").asLong()).isEqualTo(1);
        assertThat(total.at("/counts/messages/undelivered").asLong()).isEqualTo(1);
        assertThat(total.at("/counts/messages/failed").asLong()).isEqualTo(1);
        assertThat(total.at("/counts/events/opens").asLong()).isEqualTo(1);
        assertThat(total.at("/counts/events/machineOpens").asLong()).isEqualTo(1);
        assertThat(total.at("/counts/survey/viewed/recipients").asLong()).isEqualTo(2);
        assertThat(total.at("/counts/survey/viewed/events").asLong()).isEqualTo(3);
        assertRate(total, "delivery", 4, 7);
        assertRate(total, "bounce", 1, 7);
        assertRate(total, "hardBounce", 1, 7);
        assertRate(total, "uniqueOpen", 1, 4);
        assertRate(total, "totalOpen", 1, 4);
        assertRate(total, "machineOpen", 1, 4);
        assertRate(total, "click", 1, 1);
        assertRate(total, "read", 1, 4);
        assertRate(total, "view", 2, 4);
        assertRate(total, "response", 1, 4);
        assertThat(total.at("/responseTime/count").asLong()).isEqualTo(1);
        assertThat(total.at("/responseTime/meanMs").asLong()).isEqualTo(40 * 60_000);
        assertThat(total.at("/responseTime/p50Ms").asDouble()).isCloseTo(2_400_000, org.assertj.core.data.Percentage
                .withPercentage(1));
    }

    @Test
    void shouldBreakTheOverviewDownByChannelAndProviderWithNullForEveryZeroDenominator() {
        JsonNode body = get("/api/analytics/delivery/overview", "rollups");

        assertRate(body.at("/channels/email"), "delivery", 2, 3);
        assertRate(body.at("/channels/email"), "read", 0, 2);
        assertRate(body.at("/channels/sms"), "delivery", 1, 2);
        assertNoRate(body.at("/channels/sms"), "click");
        assertRate(body.at("/channels/whatsapp"), "read", 1, 1);
        assertRate(body.at("/providers/sendgrid"), "delivery", 2, 2);
        assertRate(body.at("/providers/mailgun"), "delivery", 0, 1);
        assertNoRate(body.at("/providers/mailgun"), "uniqueOpen");
        assertRate(body.at("/providers/twilio"), "delivery", 1, 2);
        assertNoRate(body.at("/providers/ses"), "delivery");
        assertNoRate(body.at("/providers/smtp"), "response");
        assertThat(body.at("/providers/ses/responseTime/meanMs").isNull()).isTrue();
        assertThat(names(body.at("/providers"))).containsExactly(
                "sendgrid", "mailgun", "ses", "smtp", "twilio", "unifonic", "meta");
    }

    @Test
    void shouldSplitAChannelByProviderCountingProvidersOfSeveralChannelsFromPostgres() {
        JsonNode sms = get("/api/analytics/delivery/channel/sms", "rollups, postgres");
        JsonNode email = get("/api/analytics/delivery/channel/EMAIL", "rollups");

        assertThat(sms.at("/channel").asString()).isEqualTo("sms");
        assertRate(sms.at("/total"), "delivery", 1, 2);
        assertThat(names(sms.at("/providers"))).containsExactly("twilio", "unifonic");
        assertRate(sms.at("/providers/twilio"), "delivery", 1, 1);
        assertRate(sms.at("/providers/unifonic"), "delivery", 0, 1);
        assertThat(names(email.at("/providers"))).containsExactly("sendgrid", "mailgun", "ses", "smtp");
        assertRate(email.at("/providers/mailgun"), "bounce", 1, 1);
    }

    @Test
    void shouldShowTheFunnelWithTheDropOffAtEachStep() {
        JsonNode all = get("/api/analytics/delivery/funnel", "rollups");
        JsonNode spring = get("/api/analytics/delivery/funnel?distribution=" + history.spring, "rollups");
        JsonNode springEmail = get("/api/analytics/delivery/funnel?channel=email&distribution=" + history.spring,
                "postgres");

        assertThat(steps(all)).containsExactly("sent 7 drop 0", "delivered 4 drop 3", "viewed 2 drop 2",
                "started 1 drop 1", "completed 1 drop 0");
        assertThat(all.at("/steps/0/fromPrevious").isNull()).isTrue();
        assertRateNode(all.at("/steps/1/fromPrevious"), 4, 7);
        assertRateNode(all.at("/steps/1/dropOffRate"), 3, 7);
        assertRateNode(all.at("/steps/4/fromFirst"), 1, 7);
        assertThat(steps(spring)).containsExactly("sent 3 drop 0", "delivered 2 drop 1", "viewed 1 drop 1",
                "started 1 drop 0", "completed 1 drop 0");
        assertThat(spring.at("/filter/distribution").asString()).isEqualTo(history.spring.toString());
        assertThat(steps(springEmail)).isEqualTo(steps(spring));
    }

    @Test
    void shouldServeEveryHourOfATimelineEmptyOnesIncluded() {
        JsonNode body = get("/api/analytics/delivery/timeline?bucket=hour&from=2026-11-24T08:00:00Z"
                + "&to=2026-11-24T12:00:00Z", "rollups");

        assertThat(body.at("/bucket").asString()).isEqualTo("hour");
        assertThat(body.at("/buckets").size()).isEqualTo(4);
        assertThat(body.at("/buckets/0/start").asString()).isEqualTo("2026-11-24T08:00:00Z");
        assertThat(body.at("/buckets/3/end").asString()).isEqualTo("2026-11-24T12:00:00Z");
        List<Long> sent = new ArrayList<>();
        body.at("/buckets").forEach(b -> sent.add(b.at("/metrics/counts/messages/sent").asLong()));
        assertThat(sent).containsExactly(0L, 3L, 2L, 2L);
        assertNoRate(body.at("/buckets/0/metrics"), "delivery");
        assertRate(body.at("/buckets/1/metrics"), "delivery", 2, 3);
    }

    @Test
    void shouldSumLocalDaysFromHoursAcrossTheEndOfSummerTime() {
        JsonNode berlin = get("/api/analytics/delivery/timeline?bucket=day&tz=Europe/Berlin&from=2026-10-25"
                + "&to=2026-10-26", "rollups");
        JsonNode utc = get("/api/analytics/delivery/timeline?bucket=day&from=2026-10-25&to=2026-10-26", "rollups");

        assertThat(berlin.at("/localDays").asBoolean()).isTrue();
        assertThat(berlin.at("/buckets").size()).isEqualTo(2);
        assertThat(berlin.at("/buckets/0/day").asString()).isEqualTo("2026-10-25");
        assertThat(berlin.at("/buckets/0/hours").asInt()).isEqualTo(25);
        assertThat(berlin.at("/buckets/0/start").asString()).isEqualTo("2026-10-24T22:00:00Z");
        assertThat(berlin.at("/buckets/0/metrics/counts/messages/sent").asLong()).isEqualTo(2);
        assertThat(berlin.at("/buckets/1/hours").asInt()).isEqualTo(24);
        assertThat(berlin.at("/buckets/1/metrics/counts/messages/sent").asLong()).isEqualTo(1);
        assertThat(utc.at("/localDays").asBoolean()).isFalse();
        assertThat(utc.at("/buckets/0/metrics/counts/messages/sent").asLong()).isEqualTo(2);
        assertThat(utc.at("/buckets/1/metrics/counts/messages/sent").asLong()).isZero();
        assertThat(utc.at("/buckets/0/hours").isNull()).isTrue();
    }

    @Test
    void shouldRankDistributionsByAnyMetricWithMissingValuesLast() {
        assertThat(distributionNames("")).containsExactly("spring", "summer", "autumn");
        assertThat(distributionNames("?sort=deliveryRate,desc")).containsExactly("spring", "summer", "autumn");
        assertThat(distributionNames("?sort=deliveryRate,asc")).containsExactly("summer", "spring", "autumn");
        assertThat(distributionNames("?sort=name")).containsExactly("autumn", "spring", "summer");
        assertThat(distributionNames("?sort=createdAt,desc")).containsExactly("autumn", "summer", "spring");

        JsonNode page = get("/api/analytics/delivery/distributions?sort=deliveryRate,desc&size=1&page=1", "rollups");
        assertThat(page.at("/totalElements").asLong()).isEqualTo(3);
        assertThat(page.at("/totalPages").asLong()).isEqualTo(3);
        assertThat(page.at("/sort").asString()).isEqualTo("deliveryRate,desc");
        assertThat(page.at("/items/0/name").asString()).isEqualTo("summer");
        assertRate(page.at("/items/0/metrics"), "delivery", 1, 3);
    }

    @Test
    void shouldDiveIntoADistributionWithItsChannelsProvidersTimelineAndFailures() {
        JsonNode spring = get("/api/analytics/delivery/distributions/" + history.spring, "rollups, postgres");
        JsonNode summer = get("/api/analytics/delivery/distributions/" + history.summer + "?bucket=hour"
                + "&from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z", "rollups, postgres");

        assertThat(spring.at("/name").asString()).isEqualTo("spring");
        assertRate(spring.at("/total"), "delivery", 2, 3);
        assertThat(spring.at("/channels/email/counts/messages/sent").asLong()).isEqualTo(3);
        assertThat(spring.at("/channels/sms/counts/messages/sent").asLong()).isZero();
        assertRate(spring.at("/providers/sendgrid"), "delivery", 2, 2);
        assertRate(spring.at("/providers/mailgun"), "bounce", 1, 1);
        assertThat(spring.at("/timeline/bucket").asString()).isEqualTo("day");
        assertThat(spring.at("/timeline/buckets").size()).isEqualTo(8);
        assertThat(spring.at("/timeline/buckets/6/day").asString()).isEqualTo("2026-11-24");
        assertThat(spring.at("/timeline/buckets/6/metrics/counts/messages/sent").asLong()).isEqualTo(3);
        assertThat(spring.at("/failures").size()).isEqualTo(1);
        assertThat(spring.at("/failures/0/status").asString()).isEqualTo("bounced");
        assertThat(spring.at("/failures/0/bounceClass").asString()).isEqualTo("hard");
        assertThat(spring.at("/failures/0/reason").asString()).isEqualTo("mailbox unavailable");
        assertThat(spring.at("/failures/0/errorCode").asString()).isEqualTo("550");
        assertThat(spring.at("/failures/0/messages").asLong()).isEqualTo(1);
        assertThat(summer.at("/timeline/buckets").size()).isEqualTo(24);
        assertThat(summer.at("/failures/0/errorCode").asString()).isEqualTo("63016");
        assertThat(summer.at("/failures/1/errorCode").asString()).isEqualTo("30007");
        assertRate(summer.at("/channels/sms"), "delivery", 1, 2);
        assertRate(summer.at("/providers/twilio"), "delivery", 1, 2);
    }

    private JsonNode get(String uri, String source) {
        String body = client.get().uri(uri).header("X-API-Key", acme.key).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(Requests.SOURCE_HEADER, source)
                .expectBody(String.class).returnResult().getResponseBody();
        return Json.read(body);
    }

    private List<String> distributionNames(String query) {
        List<String> names = new ArrayList<>();
        get("/api/analytics/delivery/distributions" + query, "rollups").at("/items")
                .forEach(item -> names.add(item.at("/name").asString()));
        return names;
    }

    private static List<String> steps(JsonNode funnel) {
        List<String> out = new ArrayList<>();
        funnel.at("/steps").forEach(s -> out.add(s.at("/name").asString() + " " + s.at("/count").asLong() + " drop "
                + s.at("/dropOff").asLong()));
        return out;
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.propertyNames().forEach(out::add);
        return out;
    }

    static void assertRate(JsonNode metrics, String rate, long numerator, long denominator) {
        assertRateNode(metrics.at("/rates/" + rate), numerator, denominator);
    }

    static void assertRateNode(JsonNode rate, long numerator, long denominator) {
        assertThat(rate.isObject()).as("%s is a rate", rate).isTrue();
        assertThat(rate.at("/numerator").asLong()).isEqualTo(numerator);
        assertThat(rate.at("/denominator").asLong()).isEqualTo(denominator);
        assertThat(rate.at("/value").asDouble()).isEqualTo((double) numerator / denominator);
    }

    static void assertNoRate(JsonNode metrics, String rate) {
        assertThat(metrics.at("/rates/" + rate).isNull()).as("%s is null", rate).isTrue();
    }
}
