package io.funnelstream.engine.metrics;

import io.funnelstream.engine.rollup.Counts;
import io.funnelstream.engine.rollup.LatencySketch;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Time from delivery to survey completion over a range, from the rollups' response time sketch: the mean is
 * exact, the quantiles within 1%. All are null when nothing was completed.
 *
 * @param count completions measured
 * @param mean the mean
 * @param p50 the median
 * @param p90 the 90th percentile
 * @param p99 the 99th percentile
 */
public record ResponseTimes(
        long count, @Nullable Duration mean, @Nullable Duration p50, @Nullable Duration p90, @Nullable Duration p99) {

    public static ResponseTimes of(Counts counts) {
        LatencySketch sketch = LatencySketch.of(counts);
        return new ResponseTimes(
                sketch.count(),
                sketch.mean().orElse(null),
                sketch.quantile(0.5).orElse(null),
                sketch.quantile(0.9).orElse(null),
                sketch.quantile(0.99).orElse(null));
    }
}
