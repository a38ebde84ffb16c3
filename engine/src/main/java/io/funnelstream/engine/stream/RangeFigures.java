package io.funnelstream.engine.stream;

import io.funnelstream.engine.metrics.DeliveryReport;
import java.time.Instant;
import java.util.Objects;

/**
 * The numbers of one trailing range: counts and rates.
 *
 * @param from the start of the range
 * @param to the end of the range (exclusive)
 * @param report counts and the rates computed from them
 */
public record RangeFigures(Instant from, Instant to, DeliveryReport report) {

    public RangeFigures {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(report, "report");
    }
}
