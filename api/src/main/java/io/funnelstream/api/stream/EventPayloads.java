package io.funnelstream.api.stream;

import io.funnelstream.api.alert.AlertViews;
import io.funnelstream.engine.metrics.DeliveryReport;
import io.funnelstream.engine.metrics.Rate;
import io.funnelstream.engine.stream.LiveScope;
import io.funnelstream.engine.stream.RangeFigures;
import io.funnelstream.engine.stream.StreamEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The JSON of {@code snapshot} and {@code delta} events. Both carry the scope's absolute figures, so a client
 * that missed (or skipped) an update is whole again with the next one; a delta also says which counters changed:
 *
 * <pre>{@code
 * {"scope": "overview", "at": "2026-11-25T10:15:30Z",
 *  "ranges": {"today": {"from": "...", "to": "...", "counts": {"stage.sent": 120, ...},
 *                       "rates": {"deliveryRate": {"value": 0.95, "numerator": 114, "denominator": 120}, ...}},
 *             "last24h": {...}},
 *  "changed": {"today": ["stage.delivered"], "last24h": ["stage.delivered"]},
 *  "alerts": [{"kind": "bounce-rate", "status": "firing", ...}]}
 * }</pre>
 *
 * {@code alerts} lists every alert firing after the update (see {@link AlertViews}), so a client that missed an
 * {@code alert} event still knows where they stand.
 *
 * The scope {@code experiment:<id>} has one range per variant, named by the variant's key (control first), each
 * over the variant's whole history ({@code from} and {@code to} say which day buckets): {@code "ranges": {"a": {...},
 * "b": {...}}}, and {@code changed} names the variants whose counters changed. Its counts are those of the
 * experiment's test audience: {@code stage.queued} is the recipients sent a message under the variant.
 *
 * A rate whose denominator is 0 is null.
 */
final class EventPayloads {

    private EventPayloads() {}

    static Map<String, Object> of(LiveScope scope, StreamEvent event, boolean withChanges) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scope", scope.name());
        out.put("at", event.figures().at().toString());
        Map<String, Object> ranges = new LinkedHashMap<>();
        event.figures().ranges().forEach((name, figures) -> ranges.put(name, range(figures)));
        out.put("ranges", ranges);
        if (withChanges) {
            out.put("changed", new TreeMap<>(event.changed()));
        }
        out.put("alerts", event.alerts().firing().stream().map(AlertViews::alert).toList());
        return out;
    }

    private static Map<String, Object> range(RangeFigures figures) {
        DeliveryReport report = figures.report();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", figures.from().toString());
        out.put("to", figures.to().toString());
        out.put("counts", new TreeMap<>(report.counts().values()));
        Map<String, @Nullable Object> rates = new LinkedHashMap<>();
        rates.put("deliveryRate", rate(report.deliveryRate()));
        rates.put("bounceRate", rate(report.bounceRate()));
        rates.put("hardBounceRate", rate(report.hardBounceRate()));
        rates.put("uniqueOpenRate", rate(report.uniqueOpenRate()));
        rates.put("clickRate", rate(report.clickRate()));
        rates.put("readRate", rate(report.readRate()));
        rates.put("responseRate", rate(report.responseRate()));
        out.put("rates", rates);
        return out;
    }

    private static @Nullable Map<String, Object> rate(@Nullable Rate rate) {
        return rate == null ? null : Map.of(
                "value", rate.value(), "numerator", rate.numerator(), "denominator", rate.denominator());
    }
}
