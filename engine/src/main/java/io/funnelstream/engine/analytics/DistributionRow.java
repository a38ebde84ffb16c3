package io.funnelstream.engine.analytics;

import io.funnelstream.engine.metrics.DeliveryReport;
import java.util.Objects;

/**
 * A distribution with its metrics over a range.
 *
 * @param info which distribution
 * @param report its metrics
 */
public record DistributionRow(DistributionInfo info, DeliveryReport report) {

    public DistributionRow {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(report, "report");
    }
}
