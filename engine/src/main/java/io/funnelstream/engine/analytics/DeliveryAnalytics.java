package io.funnelstream.engine.analytics;

import io.funnelstream.engine.metrics.DeliveryReport;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.RollupRetention;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The delivery analytics of a tenant: overview, channel, funnel, timeline and distribution reports, each
 * read through one {@link AnalyticsReader} (rollups, or Postgres where they cannot answer) and marked with
 * the sources it used.
 */
public final class DeliveryAnalytics {

    /** The most distributions one list ranks: the newest ones. */
    public static final int MAX_RANKED_DISTRIBUTIONS = 1_000;

    /** The most failure reasons a deep-dive lists. */
    public static final int MAX_FAILURE_REASONS = 50;

    private static final int READ_CONCURRENCY = 8;

    private final AnalyticsSources sources;
    private final DistributionCatalog catalog;
    private final RollupRetention retention;
    private final Clock clock;

    public DeliveryAnalytics(
            AnalyticsSources sources, DistributionCatalog catalog, RollupRetention retention, Clock clock) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The range of a request's {@code from}, {@code to} and {@code tz} parameters (see {@link Parameters#range}),
     * refused when it starts before even day rollups are kept.
     */
    public Parsed<TimeRange> range(@Nullable String from, @Nullable String to, @Nullable String tz) {
        Instant now = clock.instant();
        return Parameters.zone(tz).then(zone -> Parameters.range(from, to, zone, now)).then(range -> {
            if (Cover.isKept(BucketSize.DAY, range.from(), now, retention)) {
                return Parsed.valid(range);
            }
            return Parsed.invalid("beyond-retention", "Rollups are kept for " + retention.days().toDays()
                    + " days, and from (" + range.from() + ") is older. Ask for a later from.");
        });
    }

    /** The cover of a range as of now. */
    public Cover cover(TimeRange range) {
        return Cover.of(range.from(), range.to(), clock.instant(), retention);
    }

    /** The plan of a timeline as of now, or why it cannot be served. */
    public Parsed<TimelinePlan> timelinePlan(Slice slice, BucketSize size, TimeRange range) {
        return TimelinePlan.of(slice, size, range, clock.instant(), retention);
    }

    /** All channels together, and per channel and provider. */
    public Mono<Sourced<Overview>> overview(TenantId tenant, TimeRange range) {
        Cover cover = cover(range);
        Slice all = Slice.all();
        List<Slice> slices = new ArrayList<>();
        slices.add(all);
        Arrays.stream(Channel.values()).map(Slice::ofChannel).forEach(slices::add);
        Arrays.stream(Provider.values()).map(Slice::ofProvider).forEach(slices::add);
        return sources.open(tenant).flatMap(reader -> reports(reader, tenant, all, slices, cover).map(reports -> {
            Split split = Split.of(all, reports);
            return reader.sourced(new Overview(cover, reports.get(all), split.channels(), split.providers()));
        }));
    }

    /** One channel, and per provider that carries it. */
    public Mono<Sourced<ChannelReport>> channel(TenantId tenant, Channel channel, TimeRange range) {
        Cover cover = cover(range);
        Slice base = Slice.ofChannel(channel);
        List<Slice> slices = new ArrayList<>();
        slices.add(base);
        Arrays.stream(Provider.values()).filter(p -> p.carries(channel)).map(base::withProvider).forEach(slices::add);
        return sources.open(tenant).flatMap(reader -> reports(reader, tenant, base, slices, cover).map(reports -> {
            Split split = Split.of(base, reports);
            return reader.sourced(new ChannelReport(cover, channel, reports.get(base), split.providers()));
        }));
    }

    /** Sent to completed for one slice. */
    public Mono<Sourced<FunnelReport>> funnel(TenantId tenant, Slice slice, TimeRange range) {
        Cover cover = cover(range);
        return sources.open(tenant).flatMap(reader -> reader.totals(tenant, slice, cover)
                .map(counts -> reader.sourced(new FunnelReport(cover, slice, DeliveryReport.of(counts).funnel()))));
    }

    /** One slice bucket by bucket, as planned by {@link #timelinePlan}. */
    public Mono<Sourced<Timeline>> timeline(TenantId tenant, TimelinePlan plan) {
        return sources.open(tenant).flatMap(reader -> timeline(reader, tenant, plan).map(reader::sourced));
    }

    /** A page of the tenant's distributions with their metrics, ranked by {@code sort}. */
    public Mono<Sourced<DistributionPage>> distributions(
            TenantId tenant, TimeRange range, DistributionSort sort, PageRequest page) {
        Cover cover = cover(range);
        return catalog.list(tenant, MAX_RANKED_DISTRIBUTIONS + 1).collectList().flatMap(all -> {
            boolean truncated = all.size() > MAX_RANKED_DISTRIBUTIONS;
            List<DistributionInfo> ranked = truncated ? all.subList(0, MAX_RANKED_DISTRIBUTIONS) : all;
            return sources.open(tenant).flatMap(reader -> Flux.fromIterable(ranked)
                    .flatMapSequential(info -> reader.totals(tenant, Slice.ofDistribution(info.id()), cover)
                            .map(counts -> new DistributionRow(info, DeliveryReport.of(counts))), READ_CONCURRENCY)
                    .collectList()
                    .map(rows -> reader.sourced(DistributionPage.of(cover, sort, page, truncated, rows))));
        });
    }

    /** One distribution in depth, or empty if the tenant has no such distribution. */
    public Mono<Sourced<DistributionReport>> distribution(
            TenantId tenant, UUID distribution, TimeRange range, TimelinePlan timelinePlan) {
        Cover cover = cover(range);
        Slice base = Slice.ofDistribution(distribution);
        List<Slice> slices = new ArrayList<>();
        slices.add(base);
        Arrays.stream(Channel.values()).map(base::withChannel).forEach(slices::add);
        Arrays.stream(Provider.values()).map(base::withProvider).forEach(slices::add);
        return catalog.find(tenant, distribution).flatMap(info -> sources.open(tenant).flatMap(reader -> Mono.zip(
                        reports(reader, tenant, base, slices, cover),
                        timeline(reader, tenant, timelinePlan),
                        catalog.failures(tenant, distribution, cover.from(), cover.to(), MAX_FAILURE_REASONS)
                                .collectList())
                .map(parts -> {
                    Split split = Split.of(base, parts.getT1());
                    return reader.sourced(new DistributionReport(cover, info, parts.getT1().get(base),
                            split.channels(), split.providers(), parts.getT2(), parts.getT3()));
                })));
    }

    private static Mono<Map<Slice, DeliveryReport>> reports(
            AnalyticsReader reader, TenantId tenant, Slice base, List<Slice> slices, Cover cover) {
        return reader.totals(tenant, base, slices, cover).map(counts -> {
            Map<Slice, DeliveryReport> out = new HashMap<>();
            counts.forEach((slice, c) -> out.put(slice, DeliveryReport.of(c)));
            return out;
        });
    }

    private static Mono<Timeline> timeline(AnalyticsReader reader, TenantId tenant, TimelinePlan plan) {
        return reader.read(plan.query(tenant)).map(counts -> Timelines.of(plan, counts));
    }

    /** The reports of a base slice's refinements, by the channel or the provider they add. */
    private record Split(Map<Channel, DeliveryReport> channels, Map<Provider, DeliveryReport> providers) {

        static Split of(Slice base, Map<Slice, DeliveryReport> reports) {
            Map<Channel, DeliveryReport> channels = new EnumMap<>(Channel.class);
            Map<Provider, DeliveryReport> providers = new EnumMap<>(Provider.class);
            reports.forEach((slice, report) -> {
                if (slice.equals(base)) {
                    return;
                }
                if (slice.provider() != null && base.provider() == null) {
                    providers.put(slice.provider(), report);
                } else if (slice.channel() != null && base.channel() == null) {
                    channels.put(slice.channel(), report);
                }
            });
            return new Split(channels, providers);
        }
    }
}
