package io.funnelstream.api.alert;

import io.funnelstream.api.error.Problems;
import io.funnelstream.api.security.CurrentCaller;
import io.funnelstream.engine.rollup.Scope;
import io.funnelstream.engine.stream.FiguresReader;
import io.funnelstream.engine.stream.LiveScope;
import io.funnelstream.engine.stream.ScopeAlerting;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/analytics/alerts?scope=...} (any role): the alerts that fire now in a scope of the caller's tenant,
 * evaluated as the live stream evaluates them (the same rules, range and hysteresis, the same state). Reading the
 * scope's numbers counts as an evaluation only when they changed since the last one, so polling this never clears
 * an alert faster.
 */
@RestController
class AlertsController {

    private final FiguresReader reader;
    private final ScopeAlerting alerting;

    AlertsController(FiguresReader reader, ScopeAlerting alerting) {
        this.reader = reader;
        this.alerting = alerting;
    }

    @GetMapping("/api/analytics/alerts")
    Mono<Map<String, Object>> alerts(@RequestParam(name = "scope", defaultValue = "overview") String scopeName) {
        LiveScope scope = LiveScope.parse(scopeName).orElseThrow(() -> Problems.badRequest("invalid-scope",
                "scope must be overview, channel:<email|sms|whatsapp>, distribution:<uuid> or experiment:<uuid>."));
        Scope rollupScope = scope.rollupScope().orElseThrow(() -> Problems.notFound("scope-not-streamed",
                "Experiments have no alerts yet: " + scope.name() + " has no live numbers."));
        return CurrentCaller.tenant()
                .flatMap(tenant -> reader.read(tenant, rollupScope)
                        .flatMap(figures -> alerting.evaluate(tenant, rollupScope, figures).map(evaluation -> {
                            Map<String, Object> out = new LinkedHashMap<>();
                            out.put("scope", scope.name());
                            out.put("evaluatedAt", figures.at().toString());
                            out.put("alerts", evaluation.firing().stream().map(AlertViews::alert).toList());
                            return out;
                        })))
                .onErrorMap(failure -> !(failure instanceof ErrorResponseException), failure -> Problems.of(
                        HttpStatus.SERVICE_UNAVAILABLE, "alerts-unavailable", "Alerts are unavailable now."));
    }
}
