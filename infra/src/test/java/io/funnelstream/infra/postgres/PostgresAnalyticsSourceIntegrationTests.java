package io.funnelstream.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.analytics.AnalyticsSource;
import io.funnelstream.engine.analytics.Cover;
import io.funnelstream.engine.analytics.DistributionCatalog;
import io.funnelstream.engine.analytics.DistributionInfo;
import io.funnelstream.engine.analytics.FailureReason;
import io.funnelstream.engine.analytics.Route;
import io.funnelstream.engine.analytics.Slice;
import io.funnelstream.engine.analytics.SliceCounts;
import io.funnelstream.engine.analytics.SliceQuery;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.Counter;
import io.funnelstream.engine.rollup.Counts;
import io.funnelstream.engine.rollup.LatencySketch;
import io.funnelstream.engine.rollup.MessageDimensions;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupKey;
import io.funnelstream.engine.rollup.RollupRetention;
import io.funnelstream.engine.rollup.Scope;
import io.funnelstream.engine.rollup.WindowId;
import io.funnelstream.infra.embedded.InMemoryRollupStore;
import io.funnelstream.testkit.PostgresTestDatabase;
import io.r2dbc.pool.ConnectionPool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Postgres counts what the rollups count: a random history written to the tables, the deltas the pipeline
 * would have made of it applied to a rollup store, and every bucket compared, for every scope and size.
 */
class PostgresAnalyticsSourceIntegrationTests {

    @RegisterExtension
    static PostgresTestDatabase db = new PostgresTestDatabase();

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Instant FROM = AnalyticsDataset.BASE.minus(Duration.ofHours(3));
    static final Instant TO = AnalyticsDataset.BASE.plus(Duration.ofHours(6));

    static ConnectionPool pool;
    static TenantId tenant;
    static TenantId otherTenant;
    static List<UUID> distributions = new ArrayList<>();
    static AnalyticsDataset dataset;
    static AnalyticsDataset otherDataset;
    static AnalyticsSource postgres;
    static AnalyticsSource rollups;
    static DistributionCatalog catalog;

    @BeforeAll
    static void writeOneHistoryToBothSources() throws Exception {
        TestSql.migrations(db).up();
        pool = TestSql.appPool(db, 4);
        TenantTransactions transactions = new TenantTransactions(pool);
        tenant = PostgresAdapters.tenantDirectory(transactions).createTenant("counted", "Counted").block(TIMEOUT).id();
        otherTenant = PostgresAdapters.tenantDirectory(transactions).createTenant("other", "Other").block(TIMEOUT).id();
        UUID survey = UUID.fromString(TestSql.superuserStrings(db, "insert into surveys (tenant_id, title, link)"
                + " values (?, 'NPS', 'https://s.example') returning id", tenant.value()).getFirst());
        int daysAgo = 2;
        for (String name : List.of("spring", "summer")) {
            distributions.add(UUID.fromString(TestSql.superuserStrings(db, "insert into distributions (tenant_id,"
                    + " survey_id, name, created_at) values (?, ?, ?, now() - interval '1 day' * ?) returning id",
                    tenant.value(), survey, name, daysAgo--).getFirst()));
        }
        dataset = new AnalyticsDataset(tenant, 20261124L, distributions, survey).generate(300);
        dataset.insert(db);
        otherDataset = new AnalyticsDataset(otherTenant, 7L, List.of(), null).generate(40);
        otherDataset.insert(db);
        InMemoryRollupStore store = new InMemoryRollupStore(Clock.fixed(TO, ZoneOffset.UTC));
        store.apply(tenant, new WindowId("events-0", 0, 0), dataset.delta(d -> true)).block(TIMEOUT);
        postgres = PostgresAdapters.analyticsSource(transactions);
        rollups = AnalyticsSource.of(store);
        catalog = PostgresAdapters.distributionCatalog(transactions);
    }

    @AfterAll
    static void closePool() {
        pool.dispose();
    }

    @Test
    void shouldCountEveryBucketOfEveryScopeAsTheRollupsDo() {
        List<Slice> slices = new ArrayList<>(List.of(Slice.all()));
        for (Channel channel : Channel.values()) {
            slices.add(Slice.ofChannel(channel));
        }
        for (Provider provider : Provider.values()) {
            slices.add(Slice.ofProvider(provider));
        }
        distributions.forEach(d -> slices.add(Slice.ofDistribution(d)));
        for (BucketSize size : BucketSize.values()) {
            for (Slice slice : slices) {
                SliceQuery query = SliceQuery.covering(tenant, slice, size, FROM, TO);

                SliceCounts expected = rollups.read(query).block(TIMEOUT);
                assertThat(postgres.read(query).block(TIMEOUT).buckets())
                        .as("%s by %s", slice, size)
                        .isEqualTo(expected.buckets());
            }
        }
        assertThat(rollups.read(SliceQuery.covering(tenant, Slice.all(), BucketSize.HOUR, FROM, TO)).block(TIMEOUT)
                .totals().values().keySet())
                .as("the history exercises every kind of counter")
                .contains(Counter.reached(Stage.DELIVERED), Counter.OPENS, Counter.MACHINE_OPENS, Counter.CLICKS,
                        Counter.UNKNOWN_EVENTS, "funnel.viewed", "funnel.completed.unique", LatencySketch.COUNT);
    }

    @Test
    void shouldCountTotalsOverACoverInOneStatementAsTheRollupsDo() {
        Cover cover = Cover.of(AnalyticsDataset.BASE.minus(Duration.ofMinutes(95)), TO, TO,
                RollupRetention.DEFAULT);

        List<Slice> slices =
                List.of(Slice.all(), Slice.ofChannel(Channel.SMS), Slice.ofDistribution(distributions.get(0)));
        for (Slice slice : slices) {
            assertThat(postgres.totals(tenant, slice, cover).block(TIMEOUT))
                    .as("%s", slice)
                    .isEqualTo(rollups.totals(tenant, slice, cover).block(TIMEOUT));
        }
    }

    @Test
    void shouldCountSlicesThatNoRollupKeeps() {
        UUID spring = distributions.get(0);
        List<Slice> compound = List.of(
                Slice.ofChannel(Channel.SMS).withProvider(Provider.TWILIO),
                Slice.ofChannel(Channel.WHATSAPP).withProvider(Provider.UNIFONIC),
                Slice.ofDistribution(spring).withChannel(Channel.EMAIL),
                Slice.ofDistribution(spring).withProvider(Provider.TWILIO));
        for (Slice slice : compound) {
            Predicate<MessageDimensions> matches = d -> (slice.channel() == null || d.channel() == slice.channel())
                    && (slice.provider() == null || d.provider() == slice.provider())
                    && (slice.distribution() == null || slice.distribution().equals(d.distributionId()));
            SliceQuery query = SliceQuery.covering(tenant, slice, BucketSize.HOUR, FROM, TO);

            assertThat(postgres.read(query).block(TIMEOUT).buckets())
                    .as("%s", slice)
                    .isEqualTo(allScopeBuckets(dataset.delta(matches), query));
        }
    }

    @Test
    void shouldSplitTotalsByRouteAsTheRowsDo() {
        Cover cover = Cover.of(FROM, TO, TO, RollupRetention.DEFAULT);
        for (Slice base : List.of(Slice.all(), Slice.ofDistribution(distributions.get(1)))) {
            Map<Route, Counts> routes = postgres.totalsByRoute(tenant, base, cover).block(TIMEOUT);

            assertThat(routes).as("%s has messages on several routes", base).hasSizeGreaterThan(3);
            for (Channel channel : Channel.values()) {
                for (Provider provider : Provider.values()) {
                    Predicate<MessageDimensions> onRoute = d -> d.channel() == channel && d.provider() == provider
                            && (base.distribution() == null || base.distribution().equals(d.distributionId()));
                    Counts expected = Sums.total(dataset.delta(onRoute), tenant, cover);
                    assertThat(routes.getOrDefault(new Route(channel, provider), Counts.empty()))
                            .as("%s through %s in %s", channel, provider, base)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void shouldCountEachTenantsRowsOnly() {
        SliceQuery query = SliceQuery.covering(otherTenant, Slice.all(), BucketSize.DAY, FROM, TO);

        assertThat(postgres.read(query).block(TIMEOUT).buckets())
                .isNotEmpty()
                .isEqualTo(allScopeBuckets(otherDataset.delta(d -> true), query));
    }

    @Test
    void shouldListDistributionsNewestFirstAndGroupFailuresByReason() {
        List<DistributionInfo> listed = catalog.list(tenant, 10).collectList().block(TIMEOUT);
        List<FailureReason> failures = catalog.failures(tenant, distributions.get(0), FROM, TO, 50)
                .collectList().block(TIMEOUT);

        assertThat(listed).extracting(DistributionInfo::name).containsExactly("summer", "spring");
        assertThat(catalog.find(tenant, distributions.get(1)).block(TIMEOUT).name()).isEqualTo("summer");
        assertThat(catalog.find(otherTenant, distributions.get(1)).blockOptional(TIMEOUT)).isEmpty();
        long failed = dataset.messages().stream()
                .filter(m -> distributions.get(0).equals(m.dimensions().distributionId()))
                .filter(m -> m.state().failure() != null)
                .count();
        assertThat(failures).isNotEmpty();
        assertThat(failures.stream().mapToLong(FailureReason::messages).sum()).isEqualTo(failed);
        assertThat(failures).isSortedAccordingTo((a, b) -> Long.compare(b.messages(), a.messages()));
    }

    /** Sums the {@code all} scope of a delta over a cover. */
    private static final class Sums {

        static Counts total(RollupDelta delta, TenantId tenant, Cover cover) {
            Counts sum = Counts.empty();
            for (Cover.Segment segment : cover.segments()) {
                SliceQuery query = new SliceQuery(tenant, Slice.all(), segment.size(), segment.from(), segment.to());
                for (Counts counts : allScopeBuckets(delta, query).values()) {
                    sum = sum.plus(counts);
                }
            }
            return sum;
        }
    }

    /** The buckets of the {@code all} scope of a delta, as the query would read them. */
    private static TreeMap<Instant, Counts> allScopeBuckets(RollupDelta delta, SliceQuery query) {
        TreeMap<Instant, Counts> out = new TreeMap<>();
        for (Instant start : query.bucketStarts()) {
            Counts counts = delta.counts(new RollupKey(query.tenant(), Scope.all(), query.size(), start));
            if (!counts.isEmpty()) {
                out.put(start, counts);
            }
        }
        return out;
    }
}
