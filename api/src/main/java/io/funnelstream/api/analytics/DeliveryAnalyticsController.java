package io.funnelstream.api.analytics;

import static io.funnelstream.api.analytics.Requests.ok;
import static io.funnelstream.api.analytics.Requests.valid;

import io.funnelstream.api.analytics.ReportViews.ChannelView;
import io.funnelstream.api.analytics.ReportViews.DistributionView;
import io.funnelstream.api.analytics.ReportViews.DistributionsView;
import io.funnelstream.api.analytics.ReportViews.FunnelView;
import io.funnelstream.api.analytics.ReportViews.OverviewView;
import io.funnelstream.api.error.Problems;
import io.funnelstream.api.security.CurrentCaller;
import io.funnelstream.engine.analytics.DeliveryAnalytics;
import io.funnelstream.engine.analytics.DistributionSort;
import io.funnelstream.engine.analytics.PageRequest;
import io.funnelstream.engine.analytics.Parameters;
import io.funnelstream.engine.analytics.Slice;
import io.funnelstream.engine.analytics.TimeRange;
import io.funnelstream.engine.analytics.TimelinePlan;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.BucketSize;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Delivery analytics of the caller's tenant. Every response says in {@value Requests#SOURCE_HEADER} whether its
 * figures came from the rollups or were counted from Postgres; parameters that cannot be used are 400 problems.
 */
@RestController
@RequestMapping("/api/analytics/delivery")
@Tag(name = "Delivery analytics", description = "Counts and rates of the caller's messages over a time range. "
        + "Ranges default to the seven days before now; 'from' and 'to' take ISO-8601 instants or dates (read in"
        + " 'tz'; a 'to' date includes that day). Every rate is null when its denominator is 0.")
@SecurityRequirement(name = OpenApiDocs.API_KEY)
@ApiResponse(responseCode = "400", description = "A parameter cannot be used (bad range, unknown channel, bucket,"
        + " sort field or time zone, too many buckets): a problem detail saying which and why",
        content = @Content(mediaType = OpenApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "401", description = "No valid API key",
        content = @Content(mediaType = OpenApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
class DeliveryAnalyticsController {

    private final DeliveryAnalytics analytics;

    DeliveryAnalyticsController(DeliveryAnalytics analytics) {
        this.analytics = analytics;
    }

    @GetMapping("/overview")
    @Operation(summary = "Totals and every rate across channels, and per channel and provider")
    @ApiResponse(responseCode = "200", description = "The figures", useReturnTypeSchema = true)
    Mono<ResponseEntity<OverviewView>> overview(
            @Parameter(description = OpenApiDocs.FROM) @RequestParam(required = false) @Nullable String from,
            @Parameter(description = OpenApiDocs.TO) @RequestParam(required = false) @Nullable String to,
            @Parameter(description = OpenApiDocs.TZ) @RequestParam(required = false) @Nullable String tz) {
        return forTenant(tenant -> {
            TimeRange range = valid(analytics.range(from, to, tz));
            return analytics.overview(tenant, range).map(s -> ok(s, OverviewView.of(s.value(), range)));
        });
    }

    @GetMapping("/channel/{channel}")
    @Operation(summary = "Totals and every rate of one channel, and per provider carrying it")
    @ApiResponse(responseCode = "200", description = "The figures", useReturnTypeSchema = true)
    Mono<ResponseEntity<ChannelView>> channel(
            @Parameter(description = "email, sms or whatsapp") @PathVariable String channel,
            @Parameter(description = OpenApiDocs.FROM) @RequestParam(required = false) @Nullable String from,
            @Parameter(description = OpenApiDocs.TO) @RequestParam(required = false) @Nullable String to,
            @Parameter(description = OpenApiDocs.TZ) @RequestParam(required = false) @Nullable String tz) {
        return forTenant(tenant -> {
            Channel which = valid(Parameters.channel(channel));
            TimeRange range = valid(analytics.range(from, to, tz));
            return analytics.channel(tenant, which, range).map(s -> ok(s, ChannelView.of(s.value(), range)));
        });
    }

    @GetMapping("/funnel")
    @Operation(summary = "Sent, delivered, viewed, started, completed, with the drop-off at each step")
    @ApiResponse(responseCode = "200", description = "The figures", useReturnTypeSchema = true)
    Mono<ResponseEntity<FunnelView>> funnel(
            @Parameter(description = OpenApiDocs.FROM) @RequestParam(required = false) @Nullable String from,
            @Parameter(description = OpenApiDocs.TO) @RequestParam(required = false) @Nullable String to,
            @Parameter(description = OpenApiDocs.TZ) @RequestParam(required = false) @Nullable String tz,
            @Parameter(description = OpenApiDocs.CHANNEL) @RequestParam(required = false) @Nullable String channel,
            @Parameter(description = OpenApiDocs.DISTRIBUTION) @RequestParam(required = false)
                    @Nullable String distribution) {
        return forTenant(tenant -> {
            Slice slice = slice(channel, distribution);
            TimeRange range = valid(analytics.range(from, to, tz));
            return analytics.funnel(tenant, slice, range).map(s -> ok(s, FunnelView.of(s.value(), range)));
        });
    }

    @GetMapping("/timeline")
    @Operation(summary = "Counts and rates bucket by bucket", description = "At most 10,000 buckets. Day buckets in"
            + " a zone other than UTC are local days summed from hour rollups (23 or 25 hours across clock changes).")
    @ApiResponse(responseCode = "200", description = "The figures", useReturnTypeSchema = true)
    Mono<ResponseEntity<TimelineView>> timeline(
            @Parameter(description = "minute, hour (default) or day") @RequestParam(required = false)
                    @Nullable String bucket,
            @Parameter(description = OpenApiDocs.FROM) @RequestParam(required = false) @Nullable String from,
            @Parameter(description = OpenApiDocs.TO) @RequestParam(required = false) @Nullable String to,
            @Parameter(description = OpenApiDocs.TZ) @RequestParam(required = false) @Nullable String tz,
            @Parameter(description = OpenApiDocs.CHANNEL) @RequestParam(required = false) @Nullable String channel,
            @Parameter(description = OpenApiDocs.DISTRIBUTION) @RequestParam(required = false)
                    @Nullable String distribution) {
        return forTenant(tenant -> {
            BucketSize size = valid(Parameters.bucket(bucket, BucketSize.HOUR));
            Slice slice = slice(channel, distribution);
            TimeRange range = valid(analytics.range(from, to, tz));
            TimelinePlan plan = valid(analytics.timelinePlan(slice, size, range));
            return analytics.timeline(tenant, plan).map(s -> ok(s, TimelineView.of(s.value())));
        });
    }

    @GetMapping("/distributions")
    @Operation(summary = "The tenant's distributions with their metrics, ranked and paged",
            description = "Ranks the newest 1,000 distributions. Distributions without a value for the sort metric"
                    + " (a rate of a zero denominator) come last in either direction.")
    @ApiResponse(responseCode = "200", description = "The figures", useReturnTypeSchema = true)
    Mono<ResponseEntity<DistributionsView>> distributions(
            @Parameter(description = "Page number, from 0") @RequestParam(required = false) @Nullable String page,
            @Parameter(description = "Page size, 1 to 100 (default 20)") @RequestParam(required = false)
                    @Nullable String size,
            @Parameter(description = "<field>,asc|desc: name, createdAt or a metric (sent, delivered, bounced, failed,"
                    + " opened, clicked, read, viewed, started, completed, deliveryRate, bounceRate, hardBounceRate,"
                    + " uniqueOpenRate, totalOpenRate, machineOpenRate, clickRate, readRate, viewRate, responseRate,"
                    + " responseTimeMean, responseTimeP50, responseTimeP90). Default sent,desc")
                    @RequestParam(required = false) @Nullable String sort,
            @Parameter(description = OpenApiDocs.FROM) @RequestParam(required = false) @Nullable String from,
            @Parameter(description = OpenApiDocs.TO) @RequestParam(required = false) @Nullable String to,
            @Parameter(description = OpenApiDocs.TZ) @RequestParam(required = false) @Nullable String tz) {
        return forTenant(tenant -> {
            PageRequest paging = valid(Parameters.page(page, size));
            DistributionSort order = valid(DistributionSort.parse(sort));
            TimeRange range = valid(analytics.range(from, to, tz));
            return analytics.distributions(tenant, range, order, paging)
                    .map(s -> ok(s, DistributionsView.of(s.value(), range)));
        });
    }

    @GetMapping("/distributions/{id}")
    @Operation(summary = "One distribution in depth: totals, per channel and provider, timeline, failures by reason")
    @ApiResponse(responseCode = "200", description = "The figures", useReturnTypeSchema = true)
    Mono<ResponseEntity<DistributionView>> distribution(
            @Parameter(description = "The distribution's id") @PathVariable String id,
            @Parameter(description = "Timeline bucket: minute, hour or day (default)") @RequestParam(required = false)
                    @Nullable String bucket,
            @Parameter(description = OpenApiDocs.FROM) @RequestParam(required = false) @Nullable String from,
            @Parameter(description = OpenApiDocs.TO) @RequestParam(required = false) @Nullable String to,
            @Parameter(description = OpenApiDocs.TZ) @RequestParam(required = false) @Nullable String tz) {
        return forTenant(tenant -> {
            UUID distribution = valid(Parameters.distribution(id));
            BucketSize size = valid(Parameters.bucket(bucket, BucketSize.DAY));
            TimeRange range = valid(analytics.range(from, to, tz));
            TimelinePlan plan = valid(analytics.timelinePlan(Slice.ofDistribution(distribution), size, range));
            return analytics.distribution(tenant, distribution, range, plan)
                    .switchIfEmpty(Mono.error(() -> Problems.notFound("distribution-not-found",
                            "This tenant has no distribution " + distribution + ".")))
                    .map(s -> ok(s, DistributionView.of(s.value(), range)));
        });
    }

    private static Slice slice(@Nullable String channel, @Nullable String distribution) {
        return Slice.all()
                .withChannel(valid(Parameters.optionalChannel(channel)).orElse(null))
                .withDistribution(valid(Parameters.optionalDistribution(distribution)).orElse(null));
    }

    /** Runs the handler for the caller's tenant; parameter problems thrown while reading become error signals. */
    private static <T> Mono<T> forTenant(Function<TenantId, Mono<T>> handler) {
        return CurrentCaller.tenant()
                .switchIfEmpty(Mono.error(() -> Problems.unauthorized("unauthorized", "An API key is required.")))
                .flatMap(tenant -> Mono.defer(() -> handler.apply(tenant)));
    }
}
