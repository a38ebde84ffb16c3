package io.funnelstream.engine.analytics;

import io.funnelstream.engine.metrics.Funnel;
import java.util.Objects;

/**
 * The funnel of one slice over a range.
 *
 * @param cover the range the figures cover
 * @param slice which messages
 * @param funnel sent, delivered, viewed, started, completed with their conversions and drop-offs
 */
public record FunnelReport(Cover cover, Slice slice, Funnel funnel) {

    public FunnelReport {
        Objects.requireNonNull(cover, "cover");
        Objects.requireNonNull(slice, "slice");
        Objects.requireNonNull(funnel, "funnel");
    }
}
