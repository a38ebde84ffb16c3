package io.funnelstream.engine.stream;

import io.funnelstream.engine.alert.AlertEvaluation;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.Scope;
import reactor.core.publisher.Mono;

/** Evaluates a scope's alerts from the figures a hub just read: once per scope and update, never per connection. */
@FunctionalInterface
public interface ScopeAlerting {

    /** No alerts. */
    ScopeAlerting NONE = (tenant, scope, figures) -> Mono.just(AlertEvaluation.NONE);

    Mono<AlertEvaluation> evaluate(TenantId tenant, Scope scope, ScopeFigures figures);
}
