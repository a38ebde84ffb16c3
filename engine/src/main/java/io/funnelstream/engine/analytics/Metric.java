package io.funnelstream.engine.analytics;

import io.funnelstream.engine.metrics.DeliveryReport;
import io.funnelstream.engine.metrics.Rate;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.rollup.Counter;
import io.funnelstream.engine.rollup.SurveyStep;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A figure of a {@link DeliveryReport} that lists can be sorted by, under the name the API uses for it. Rates
 * and response times have no value (null) where their denominator is 0 or nothing was measured.
 */
public enum Metric {
    SENT("sent", r -> stage(r, Stage.SENT)),
    DELIVERED("delivered", r -> stage(r, Stage.DELIVERED)),
    BOUNCED("bounced", r -> stage(r, Stage.BOUNCED) + stage(r, Stage.SOFT_BOUNCED)),
    FAILED("failed", r -> stage(r, Stage.FAILED)),
    OPENED("opened", r -> stage(r, Stage.OPENED)),
    CLICKED("clicked", r -> stage(r, Stage.CLICKED)),
    READ("read", r -> stage(r, Stage.READ)),
    VIEWED("viewed", r -> (double) r.counts().get(SurveyStep.VIEWED.uniqueCounter())),
    STARTED("started", r -> (double) r.counts().get(SurveyStep.STARTED.uniqueCounter())),
    COMPLETED("completed", r -> (double) r.counts().get(SurveyStep.COMPLETED.uniqueCounter())),
    DELIVERY_RATE("deliveryRate", r -> rate(r.deliveryRate())),
    BOUNCE_RATE("bounceRate", r -> rate(r.bounceRate())),
    HARD_BOUNCE_RATE("hardBounceRate", r -> rate(r.hardBounceRate())),
    UNIQUE_OPEN_RATE("uniqueOpenRate", r -> rate(r.uniqueOpenRate())),
    TOTAL_OPEN_RATE("totalOpenRate", r -> rate(r.totalOpenRate())),
    MACHINE_OPEN_RATE("machineOpenRate", r -> rate(r.machineOpenRate())),
    CLICK_RATE("clickRate", r -> rate(r.clickRate())),
    READ_RATE("readRate", r -> rate(r.readRate())),
    VIEW_RATE("viewRate", r -> rate(r.viewRate())),
    RESPONSE_RATE("responseRate", r -> rate(r.responseRate())),
    RESPONSE_TIME_MEAN("responseTimeMean", r -> millis(r.responseTimes().mean())),
    RESPONSE_TIME_P50("responseTimeP50", r -> millis(r.responseTimes().p50())),
    RESPONSE_TIME_P90("responseTimeP90", r -> millis(r.responseTimes().p90()));

    private final String apiName;
    private final Function<DeliveryReport, @Nullable Double> value;

    Metric(String apiName, Function<DeliveryReport, @Nullable Double> value) {
        this.apiName = apiName;
        this.value = value;
    }

    /** The name requests and responses use: {@code deliveryRate}, {@code sent}, ... */
    public String apiName() {
        return apiName;
    }

    /** The metric's value in the report, or null where it has none. */
    public @Nullable Double valueOf(DeliveryReport report) {
        return value.apply(report);
    }

    public static Optional<Metric> fromApiName(String name) {
        return Arrays.stream(values()).filter(m -> m.apiName.equals(name)).findFirst();
    }

    /** Every metric's API name, in declaration order. */
    public static List<String> apiNames() {
        return Arrays.stream(values()).map(Metric::apiName).toList();
    }

    private static double stage(DeliveryReport report, Stage stage) {
        return report.counts().get(Counter.reached(stage));
    }

    private static @Nullable Double rate(@Nullable Rate rate) {
        return rate == null ? null : rate.value();
    }

    private static @Nullable Double millis(@Nullable Duration duration) {
        return duration == null ? null : duration.toNanos() / 1e6;
    }
}
