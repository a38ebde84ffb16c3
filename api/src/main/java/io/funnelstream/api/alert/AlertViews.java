package io.funnelstream.api.alert;

import io.funnelstream.engine.alert.Alert;
import io.funnelstream.engine.alert.AlertKind;
import io.funnelstream.engine.alert.AlertRule;
import io.funnelstream.engine.metrics.Rate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON of an alert, the same in {@code alert} stream events and in {@code GET /api/analytics/alerts}:
 *
 * <pre>{@code
 * {"kind": "bounce-rate", "status": "firing", "since": "2026-11-25T10:15:30Z",
 *  "rate": {"value": 0.08, "numerator": 80, "denominator": 1000},
 *  "rule": {"direction": "above", "threshold": 0.05, "minSample": 100, "margin": 0.01, "clearAfter": 3}}
 * }</pre>
 *
 * {@code rate} is null when the range had no sample.
 */
public final class AlertViews {

    private AlertViews() {}

    public static Map<String, @Nullable Object> alert(Alert alert) {
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        out.put("kind", alert.kind().slug());
        out.put("status", alert.status().slug());
        out.put("since", alert.since().toString());
        out.put("rate", rate(alert.rate()));
        out.put("rule", rule(alert.kind(), alert.rule()));
        return out;
    }

    static Map<String, Object> rule(AlertKind kind, AlertRule rule) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("direction", kind.direction() == AlertKind.Direction.ABOVE ? "above" : "below");
        out.put("threshold", rule.threshold());
        out.put("minSample", rule.minSample());
        out.put("margin", rule.margin());
        out.put("clearAfter", rule.clearAfter());
        return out;
    }

    private static @Nullable Map<String, Object> rate(@Nullable Rate rate) {
        return rate == null ? null : Map.of(
                "value", rate.value(), "numerator", rate.numerator(), "denominator", rate.denominator());
    }
}
