package io.funnelstream.engine.alert;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.Counts;
import io.funnelstream.engine.rollup.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * Evaluates a scope's alerts from counts already read (once per scope and update, never per connection): the
 * tenant's rules, the rates of the counts, and for the whole tenant ({@link Scope#all()}) its webhook requests over
 * the trailing {@code webhookWindow}. When the rules or the tally cannot be read the alerts hold where they are.
 */
public final class LiveAlerts {

    private static final Logger log = Loggers.getLogger(LiveAlerts.class);

    private final AlertBook book;
    private final Function<TenantId, Mono<AlertRules>> rules;
    private final WebhookTallyStore tallies;
    private final Duration webhookWindow;

    public LiveAlerts(AlertBook book, Function<TenantId, Mono<AlertRules>> rules, WebhookTallyStore tallies,
            Duration webhookWindow) {
        this.book = Objects.requireNonNull(book, "book");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.tallies = Objects.requireNonNull(tallies, "tallies");
        this.webhookWindow = Objects.requireNonNull(webhookWindow, "webhookWindow");
    }

    /** Steps the scope's alerts with these counts, read at {@code at}. */
    public Mono<AlertEvaluation> evaluate(TenantId tenant, Scope scope, Counts counts, Instant at) {
        Mono<Optional<WebhookCounts>> webhooks = scope.equals(Scope.all())
                ? tallies.read(tenant, at.minus(webhookWindow), at.plusSeconds(60)).map(Optional::of)
                : Mono.just(Optional.empty());
        return rules.apply(tenant)
                .defaultIfEmpty(AlertRules.DEFAULT)
                .zipWith(webhooks)
                .map(t -> book.of(tenant, scope)
                        .evaluate(t.getT1(), AlertInputs.of(counts, t.getT2().orElse(null)), at))
                .onErrorResume(e -> {
                    log.warn("alerts of tenant {} scope {} not evaluated: {}", tenant, scope.code(), e.toString());
                    return Mono.just(new AlertEvaluation(List.of(), book.firing(tenant, scope)));
                });
    }

    /** The alerts that fire now in the scope, as last evaluated on this instance. */
    public List<Alert> firing(TenantId tenant, Scope scope) {
        return book.firing(tenant, scope);
    }
}
