package io.funnelstream.engine.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.funnelstream.engine.metrics.DeliveryReport;
import io.funnelstream.engine.metrics.Funnel;
import io.funnelstream.engine.metrics.Rate;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupAvailability;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.Counter;
import io.funnelstream.engine.rollup.MessageDimensions;
import io.funnelstream.engine.rollup.RollupDeltas;
import io.funnelstream.engine.rollup.RollupRetention;
import io.funnelstream.engine.rollup.SurveyStep;
import io.funnelstream.engine.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class DeliveryAnalyticsTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final TenantId TENANT = TenantId.of("3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c");
    private static final Instant NOW = Instant.parse("2026-11-25T10:17:42Z");
    private static final Instant YESTERDAY = Instant.parse("2026-11-24T09:00:00Z");
    private static final UUID NEWSLETTER = UUID.fromString("11111111-2222-4333-8444-555555555555");
    private static final UUID REMINDER = UUID.fromString("66666666-7777-4888-9999-000000000000");

    private final FakeRollupStore store = new FakeRollupStore();
    private final AtomicBoolean current = new AtomicBoolean(true);
    private final Messages messages = new Messages(TENANT)
            .add(Channel.EMAIL, Provider.SENDGRID, NEWSLETTER, YESTERDAY, Stage.OPENED)
            .add(Channel.SMS, Provider.TWILIO, NEWSLETTER, YESTERDAY, Stage.DELIVERED)
            .add(Channel.WHATSAPP, Provider.TWILIO, REMINDER, YESTERDAY, Stage.SENT, Stage.FAILED)
            .add(Channel.SMS, Provider.UNIFONIC, null, YESTERDAY, Stage.SENT);
    private ScriptedPostgres postgres;
    private DeliveryAnalytics analytics;

    @BeforeEach
    void setUp() {
        MessageDimensions email = new MessageDimensions(TENANT, Channel.EMAIL, Provider.SENDGRID, NEWSLETTER, null);
        Instant viewed = YESTERDAY.plus(Duration.ofMinutes(5));
        messages.add(email, RollupDeltas.ofSurveyStep(email, SurveyStep.VIEWED, true, viewed))
                .add(email, RollupDeltas.ofSurveyStep(email, SurveyStep.VIEWED, false, viewed.plusSeconds(30)))
                .add(email, RollupDeltas.ofSurveyStep(email, SurveyStep.STARTED, true, viewed.plusSeconds(60)));
        store.add(messages.delta());
        postgres = new ScriptedPostgres(messages.truth());
        RollupAvailability availability = tenant -> Mono.just(current.get());
        analytics = new DeliveryAnalytics(new AnalyticsSources(AnalyticsSource.of(store), postgres, availability),
                new Catalog(), RollupRetention.DEFAULT, new MutableClock(NOW));
    }

    @Test
    void shouldReportEveryChannelAndProviderFromRollupsWithNoRateOfAZeroDenominator() {
        Sourced<Overview> overview = overview();

        assertThat(overview.sources()).containsExactly(Source.ROLLUPS);
        assertThat(postgres.reads()).isEmpty();
        Overview o = overview.value();
        assertThat(o.total().deliveryRate()).isEqualTo(new Rate(2, 4));
        assertThat(o.total().uniqueOpenRate()).isEqualTo(new Rate(1, 2));
        assertThat(o.total().viewRate()).isEqualTo(new Rate(1, 2));
        assertThat(o.channels().get(Channel.EMAIL).deliveryRate()).isEqualTo(new Rate(1, 1));
        assertThat(o.channels().get(Channel.WHATSAPP).deliveryRate()).isEqualTo(new Rate(0, 1));
        assertThat(o.channels().get(Channel.WHATSAPP).readRate()).isNull();
        assertThat(o.providers().get(Provider.TWILIO).deliveryRate()).isEqualTo(new Rate(1, 2));
        assertThat(o.providers().get(Provider.MAILGUN).deliveryRate()).isNull();
        assertThat(o.providers()).containsOnlyKeys(Provider.values());
    }

    @Test
    void shouldReadTheWholeRequestFromPostgresWhenRollupsAreNotCurrent() {
        Overview fromRollups = overview().value();
        current.set(false);
        int readsBefore = store.reads();

        Sourced<Overview> overview = overview();

        assertThat(overview.sources()).containsExactly(Source.POSTGRES);
        assertThat(store.reads()).isEqualTo(readsBefore);
        assertThat(overview.value()).isEqualTo(fromRollups);
    }

    @Test
    void shouldFinishTheRequestFromPostgresWhenTheStoreFails() {
        Overview fromRollups = overview().value();
        store.goDown();

        Sourced<Overview> overview = overview();

        assertThat(overview.sources()).containsExactly(Source.POSTGRES);
        assertThat(overview.value()).isEqualTo(fromRollups);
    }

    @Test
    void shouldTreatAFailingAvailabilityCheckAsNotCurrent() {
        DeliveryAnalytics failing = new DeliveryAnalytics(new AnalyticsSources(AnalyticsSource.of(store), postgres,
                tenant -> Mono.error(new IllegalStateException("no signal"))), new Catalog(), RollupRetention.DEFAULT,
                new MutableClock(NOW));

        assertThat(failing.overview(TENANT, lastWeek()).block(TIMEOUT).sources()).containsExactly(Source.POSTGRES);
    }

    @Test
    void shouldCountProvidersOfSeveralChannelsFromPostgresWithinAChannel() {
        Sourced<ChannelReport> sms = analytics.channel(TENANT, Channel.SMS, lastWeek()).block(TIMEOUT);

        assertThat(sms.sources()).containsExactly(Source.ROLLUPS, Source.POSTGRES);
        assertThat(sms.sourceList()).isEqualTo("rollups, postgres");
        assertThat(sms.value().total().deliveryRate()).isEqualTo(new Rate(1, 2));
        assertThat(sms.value().providers()).containsOnlyKeys(Provider.TWILIO, Provider.UNIFONIC);
        assertThat(sms.value().providers().get(Provider.TWILIO).deliveryRate()).isEqualTo(new Rate(1, 1));
        assertThat(sms.value().providers().get(Provider.UNIFONIC).deliveryRate()).isEqualTo(new Rate(0, 1));
        assertThat(postgres.reads()).containsExactlyInAnyOrder(
                Slice.ofChannel(Channel.SMS).withProvider(Provider.TWILIO),
                Slice.ofChannel(Channel.SMS).withProvider(Provider.UNIFONIC));
    }

    @Test
    void shouldCountEverySliceOfAnOverviewFromOneReadSplitByRouteWhenRollupsAreBehind() {
        Overview fromRollups = overview().value();
        ScriptedPostgres splitting = new ScriptedPostgres(messages.truth(), true);
        DeliveryAnalytics behind = new DeliveryAnalytics(new AnalyticsSources(AnalyticsSource.of(store), splitting,
                tenant -> Mono.just(false)), new Catalog(), RollupRetention.DEFAULT, new MutableClock(NOW));

        Sourced<Overview> overview = behind.overview(TENANT, lastWeek()).block(TIMEOUT);
        DistributionReport reminder = behind.distribution(TENANT, REMINDER, lastWeek(),
                ((Parsed.Valid<TimelinePlan>) behind.timelinePlan(Slice.ofDistribution(REMINDER), BucketSize.DAY,
                        lastWeek())).value()).block(TIMEOUT).value();

        assertThat(overview.value()).isEqualTo(fromRollups);
        assertThat(overview.sources()).containsExactly(Source.POSTGRES);
        assertThat(splitting.routeReads()).containsExactly(Slice.all(), Slice.ofDistribution(REMINDER));
        assertThat(splitting.reads()).as("only the timeline is read by bucket").containsExactly(
                Slice.ofDistribution(REMINDER));
        assertThat(sent(reminder.channels().get(Channel.WHATSAPP))).isEqualTo(1);
        assertThat(sent(reminder.providers().get(Provider.TWILIO))).isEqualTo(1);
        assertThat(sent(reminder.providers().get(Provider.META))).isZero();
    }

    @Test
    void shouldShowTheFunnelWithItsDropOffs() {
        Funnel funnel = analytics.funnel(TENANT, Slice.ofDistribution(NEWSLETTER), lastWeek()).block(TIMEOUT)
                .value().funnel();

        assertThat(funnel.steps()).extracting(Funnel.Step::name, Funnel.Step::count, Funnel.Step::dropOff)
                .containsExactly(
                        tuple("sent", 2L, 0L),
                        tuple("delivered", 2L, 0L),
                        tuple("viewed", 1L, 1L),
                        tuple("started", 1L, 0L),
                        tuple("completed", 0L, 1L));
        assertThat(funnel.steps().get(2).dropOffRate()).isEqualTo(new Rate(1, 2));
    }

    @Test
    void shouldSumLocalDaysAcrossTheEndOfDaylightSavingTime() {
        Messages dst = new Messages(TENANT)
                .add(Channel.EMAIL, Provider.SES, null, Instant.parse("2026-11-01T04:30:00Z"), Stage.SENT)
                .add(Channel.EMAIL, Provider.SES, null, Instant.parse("2026-11-02T04:30:00Z"), Stage.SENT)
                .add(Channel.EMAIL, Provider.SES, null, Instant.parse("2026-11-02T05:30:00Z"), Stage.SENT);
        store.add(dst.delta());
        ZoneId newYork = ZoneId.of("America/New_York");
        TimeRange days = new TimeRange(Instant.parse("2026-11-01T04:00:00Z"), Instant.parse("2026-11-03T05:00:00Z"),
                newYork);
        TimelinePlan plan = ((Parsed.Valid<TimelinePlan>) analytics.timelinePlan(Slice.ofProvider(Provider.SES),
                BucketSize.DAY, days)).value();

        List<Timeline.Bucket> buckets = analytics.timeline(TENANT, plan).block(TIMEOUT).value().buckets();

        assertThat(buckets).extracting(Timeline.Bucket::day, Timeline.Bucket::hours, b -> sent(b.report()))
                .containsExactly(
                        tuple(LocalDate.of(2026, 11, 1), 25, 2L),
                        tuple(LocalDate.of(2026, 11, 2), 24, 1L));
        assertThat(buckets.get(0).start()).isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
        assertThat(buckets.get(0).end()).isEqualTo(Instant.parse("2026-11-02T05:00:00Z"));
    }

    @Test
    void shouldRankDistributionsAndServeThemPageByPage() {
        DistributionSort byDelivery = ((Parsed.Valid<DistributionSort>) DistributionSort.parse("deliveryRate"))
                .value();

        DistributionPage first = analytics.distributions(TENANT, lastWeek(), byDelivery, new PageRequest(0, 2))
                .block(TIMEOUT).value();
        DistributionPage second = analytics.distributions(TENANT, lastWeek(), byDelivery, new PageRequest(1, 2))
                .block(TIMEOUT).value();

        assertThat(first.total()).isEqualTo(3);
        assertThat(first.totalPages()).isEqualTo(2);
        assertThat(first.items()).extracting(r -> r.info().name()).containsExactly("newsletter", "reminder");
        assertThat(second.items()).extracting(r -> r.info().name()).containsExactly("silent");
        assertThat(second.items().getFirst().report().deliveryRate()).isNull();
    }

    @Test
    void shouldDiveIntoOneDistributionWithItsFailures() {
        TimelinePlan plan = ((Parsed.Valid<TimelinePlan>) analytics.timelinePlan(Slice.ofDistribution(REMINDER),
                BucketSize.DAY, lastWeek())).value();

        DistributionReport report = analytics.distribution(TENANT, REMINDER, lastWeek(), plan).block(TIMEOUT).value();

        assertThat(report.info().name()).isEqualTo("reminder");
        assertThat(sent(report.total())).isEqualTo(1);
        assertThat(sent(report.channels().get(Channel.WHATSAPP))).isEqualTo(1);
        assertThat(sent(report.channels().get(Channel.EMAIL))).isZero();
        assertThat(sent(report.providers().get(Provider.TWILIO))).isEqualTo(1);
        assertThat(report.timeline().buckets()).hasSize(8);
        assertThat(report.failures()).containsExactly(new FailureReason("failed", null, "blocked", "63016", 1));
        assertThat(analytics.distribution(TENANT, UUID.randomUUID(), lastWeek(), plan).blockOptional(TIMEOUT))
                .isEmpty();
    }

    private Sourced<Overview> overview() {
        return analytics.overview(TENANT, lastWeek()).block(TIMEOUT);
    }

    private static TimeRange lastWeek() {
        return new TimeRange(NOW.minus(Duration.ofDays(7)), NOW, ZoneOffset.UTC);
    }

    private static long sent(DeliveryReport report) {
        return report.counts().get(Counter.reached(Stage.SENT));
    }

    /** Three distributions, one of them without messages. */
    private static final class Catalog implements DistributionCatalog {

        private final List<DistributionInfo> all = List.of(
                new DistributionInfo(NEWSLETTER, "newsletter", "running", NOW.minus(Duration.ofDays(3))),
                new DistributionInfo(REMINDER, "reminder", "completed", NOW.minus(Duration.ofDays(2))),
                new DistributionInfo(UUID.fromString("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"), "silent", "draft",
                        NOW.minus(Duration.ofDays(1))));

        @Override
        public Flux<DistributionInfo> list(TenantId tenant, int limit) {
            return Flux.fromIterable(all).take(limit);
        }

        @Override
        public Mono<DistributionInfo> find(TenantId tenant, UUID distribution) {
            return Flux.fromIterable(all).filter(d -> d.id().equals(distribution)).next();
        }

        @Override
        public Flux<FailureReason> failures(TenantId tenant, UUID distribution, Instant from, Instant to, int limit) {
            return distribution.equals(REMINDER)
                    ? Flux.just(new FailureReason("failed", null, "blocked", "63016", 1))
                    : Flux.empty();
        }
    }
}
