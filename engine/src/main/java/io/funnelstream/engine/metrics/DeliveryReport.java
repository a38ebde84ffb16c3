package io.funnelstream.engine.metrics;

import io.funnelstream.engine.rollup.Counts;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Every metric of a range in one value, as the API serves it: a rate is null where its denominator is 0.
 *
 * @param counts the counters the metrics were computed from
 * @param deliveryRate see {@link Rates#deliveryRate}
 * @param bounceRate see {@link Rates#bounceRate}
 * @param hardBounceRate see {@link Rates#hardBounceRate}
 * @param uniqueOpenRate see {@link Rates#uniqueOpenRate}
 * @param totalOpenRate see {@link Rates#totalOpenRate}
 * @param machineOpenRate see {@link Rates#machineOpenRate}
 * @param clickRate see {@link Rates#clickRate}
 * @param readRate see {@link Rates#readRate}
 * @param viewRate see {@link Rates#viewRate}
 * @param responseRate see {@link Rates#responseRate}
 * @param responseTimes delivery to completion
 * @param funnel sent to completed
 */
public record DeliveryReport(
        Counts counts,
        @Nullable Rate deliveryRate,
        @Nullable Rate bounceRate,
        @Nullable Rate hardBounceRate,
        @Nullable Rate uniqueOpenRate,
        @Nullable Rate totalOpenRate,
        @Nullable Rate machineOpenRate,
        @Nullable Rate clickRate,
        @Nullable Rate readRate,
        @Nullable Rate viewRate,
        @Nullable Rate responseRate,
        ResponseTimes responseTimes,
        Funnel funnel) {

    public DeliveryReport {
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(responseTimes, "responseTimes");
        Objects.requireNonNull(funnel, "funnel");
    }

    public static DeliveryReport of(Counts counts) {
        return new DeliveryReport(
                counts,
                Rates.deliveryRate(counts).orElse(null),
                Rates.bounceRate(counts).orElse(null),
                Rates.hardBounceRate(counts).orElse(null),
                Rates.uniqueOpenRate(counts).orElse(null),
                Rates.totalOpenRate(counts).orElse(null),
                Rates.machineOpenRate(counts).orElse(null),
                Rates.clickRate(counts).orElse(null),
                Rates.readRate(counts).orElse(null),
                Rates.viewRate(counts).orElse(null),
                Rates.responseRate(counts).orElse(null),
                ResponseTimes.of(counts),
                Funnel.of(counts));
    }
}
