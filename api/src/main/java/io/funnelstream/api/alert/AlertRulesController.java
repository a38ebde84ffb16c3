package io.funnelstream.api.alert;

import io.funnelstream.api.error.Problems;
import io.funnelstream.api.security.CurrentCaller;
import io.funnelstream.engine.alert.AlertKind;
import io.funnelstream.engine.alert.AlertRule;
import io.funnelstream.engine.alert.AlertRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * An admin's alert rules for the tenant, per kind ({@code bounce-rate}, {@code delivery-rate},
 * {@code webhook-failure-rate}): {@code GET /api/admin/alert-rules} lists every kind's rule in force,
 * {@code PUT /api/admin/alert-rules/{kind}} sets any of {@code threshold}, {@code minSample}, {@code margin},
 * {@code clearAfter} (the others keep their value), {@code DELETE} goes back to the default. A change applies at the
 * scope's next update on this instance, within the rules cache's time to live on the others.
 */
@RestController
class AlertRulesController {

    private static final Set<String> FIELDS = Set.of("threshold", "minSample", "margin", "clearAfter");

    private final CachedAlertRules rules;

    AlertRulesController(CachedAlertRules rules) {
        this.rules = rules;
    }

    @GetMapping("/api/admin/alert-rules")
    Mono<Map<String, Object>> list() {
        return CurrentCaller.tenant().flatMap(tenant -> rules.store().rules(tenant)).map(AlertRulesController::view);
    }

    @PutMapping("/api/admin/alert-rules/{kind}")
    Mono<Map<String, Object>> put(@PathVariable String kind, @RequestBody Map<String, @Nullable Object> body) {
        AlertKind k = kind(kind);
        return CurrentCaller.tenant().flatMap(tenant -> rules.store().rules(tenant)
                .map(current -> changed(k, current.rule(k), body))
                .flatMap(rule -> rules.store().put(tenant, k, rule)
                        .doOnSuccess(done -> rules.invalidate(tenant))
                        .thenReturn(Map.<String, Object>of(k.slug(), AlertViews.rule(k, rule)))));
    }

    @DeleteMapping("/api/admin/alert-rules/{kind}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String kind) {
        AlertKind k = kind(kind);
        return CurrentCaller.tenant()
                .flatMap(tenant -> rules.store().delete(tenant, k).doOnSuccess(done -> rules.invalidate(tenant)))
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("alert-rule-not-set",
                        "The tenant has no rule of its own for " + k.slug() + ": the default applies.")))
                .then();
    }

    private static Map<String, Object> view(AlertRules rules) {
        Map<String, Object> out = new LinkedHashMap<>();
        rules.rules().forEach((kind, rule) -> out.put(kind.slug(), AlertViews.rule(kind, rule)));
        return out;
    }

    private static AlertKind kind(String slug) {
        return AlertKind.fromSlug(slug).orElseThrow(() -> Problems.notFound("unknown-alert-kind",
                "Alert kinds are bounce-rate, delivery-rate and webhook-failure-rate."));
    }

    /** The current rule with the body's fields in place; 400 naming every field that cannot be used. */
    private static AlertRule changed(AlertKind kind, AlertRule current, Map<String, @Nullable Object> body) {
        List<String> problems = new ArrayList<>();
        body.keySet().stream().filter(name -> !FIELDS.contains(name)).sorted()
                .forEach(name -> problems.add(name + ": not a rule field (" + String.join(", ", FIELDS) + ")"));
        double threshold = number(body, "threshold", current.threshold(), 0, 1, problems);
        double margin = number(body, "margin", current.margin(), 0, 1, problems);
        long minSample = (long) number(body, "minSample", current.minSample(), 1, Long.MAX_VALUE, problems);
        int clearAfter = (int) number(body, "clearAfter", current.clearAfter(), 1, 1_000, problems);
        for (String whole : List.of("minSample", "clearAfter")) {
            if (body.get(whole) instanceof Number n && n.doubleValue() != Math.rint(n.doubleValue())) {
                problems.add(whole + ": must be a whole number");
            }
        }
        if (!problems.isEmpty()) {
            ErrorResponseException invalid = Problems.badRequest("invalid-alert-rule",
                    "This " + kind.slug() + " rule cannot be used: " + String.join("; ", problems) + ".");
            invalid.getBody().setProperty("errors", problems);
            throw invalid;
        }
        return new AlertRule(threshold, minSample, margin, clearAfter);
    }

    private static double number(Map<String, @Nullable Object> body, String name, double current, double min,
            double max, List<String> problems) {
        if (!body.containsKey(name)) {
            return current;
        }
        if (!(body.get(name) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            problems.add(name + ": must be a number");
            return current;
        }
        double value = n.doubleValue();
        if (value < min || value > max) {
            problems.add(name + ": must be within " + format(min) + ".." + format(max));
            return current;
        }
        return value;
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? Long.toString((long) bound) : "max";
    }
}
