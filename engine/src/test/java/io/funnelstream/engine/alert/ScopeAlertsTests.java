package io.funnelstream.engine.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.Counter;
import io.funnelstream.engine.rollup.Counts;
import io.funnelstream.engine.rollup.Scope;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** A scope's alerts: rates from counts, one step per new reading, per-tenant rules, webhook requests per tenant. */
class ScopeAlertsTests {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:30Z");
    static final TenantId TENANT = TenantId.random();

    static Counts counts(long sent, long delivered, long bounced) {
        return Counts.of(Map.of(Counter.reached(Stage.SENT), sent, Counter.reached(Stage.DELIVERED), delivered,
                Counter.reached(Stage.BOUNCED), bounced));
    }

    @Test
    void shouldStepOnlyOnNewInputsOrRules() {
        ScopeAlerts alerts = new ScopeAlerts();
        AlertRules rules = AlertRules.DEFAULT.with(AlertKind.BOUNCE_RATE, new AlertRule(0.05, 10, 0.01, 2));
        AlertInputs bad = AlertInputs.of(counts(100, 90, 10), null);
        assertThat(alerts.evaluate(rules, bad, NOW).transitions()).extracting(Alert::kind)
                .containsExactlyInAnyOrder(AlertKind.BOUNCE_RATE, AlertKind.DELIVERY_RATE);
        AlertInputs good = AlertInputs.of(counts(1_000, 999, 10), null);
        assertThat(alerts.evaluate(rules, good, NOW).transitions()).isEmpty();
        // The same reading again is not a second evaluation: the streak stays at one.
        assertThat(alerts.evaluate(rules, good, NOW).transitions()).isEmpty();
        assertThat(alerts.firing()).hasSize(2);
        AlertEvaluation next = alerts.evaluate(rules, AlertInputs.of(counts(1_001, 1_000, 10), null), NOW);
        assertThat(next.transitions()).extracting(Alert::kind, Alert::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.BOUNCE_RATE, AlertStatus.RESOLVED));
        assertThat(next.firing()).extracting(Alert::kind).containsExactly(AlertKind.DELIVERY_RATE);
    }

    @Test
    void shouldFireTheWebhookAlertOfTheWholeTenantFromItsTally() {
        InMemoryWebhookTallyStore tallies = new InMemoryWebhookTallyStore(java.time.Duration.ofHours(2));
        WebhookTally tally = new WebhookTally();
        for (int i = 0; i < 200; i++) {
            tally.record(TENANT, NOW.minusSeconds(i), i % 50 == 0);
        }
        tallies.add(tally.drain()).block();
        LiveAlerts live = new LiveAlerts(new AlertBook(), tenant -> Mono.just(AlertRules.DEFAULT), tallies,
                java.time.Duration.ofHours(1));
        StepVerifier.create(live.evaluate(TENANT, Scope.all(), Counts.empty(), NOW))
                .assertNext(evaluation -> assertThat(evaluation.firing()).singleElement().satisfies(alert -> {
                    assertThat(alert.kind()).isEqualTo(AlertKind.WEBHOOK_FAILURE_RATE);
                    assertThat(alert.rate().numerator()).isEqualTo(4);
                    assertThat(alert.rate().denominator()).isEqualTo(200);
                }))
                .expectComplete()
                .verify(java.time.Duration.ofSeconds(5));
        StepVerifier.create(live.evaluate(TENANT, Scope.channel(io.funnelstream.engine.model.Channel.EMAIL),
                        Counts.empty(), NOW))
                .assertNext(evaluation -> assertThat(evaluation.firing()).isEmpty())
                .expectComplete()
                .verify(java.time.Duration.ofSeconds(5));
        assertThat(live.firing(TENANT, Scope.all())).hasSize(1);
    }

    @Test
    void shouldHoldTheAlertsWhenTheRulesCannotBeRead() {
        AlertBook book = new AlertBook();
        LiveAlerts live = new LiveAlerts(book, tenant -> Mono.error(new IllegalStateException("down")),
                new InMemoryWebhookTallyStore(java.time.Duration.ofHours(1)), java.time.Duration.ofHours(1));
        StepVerifier.create(live.evaluate(TENANT, Scope.all(), counts(1_000, 10, 500), NOW))
                .assertNext(evaluation -> assertThat(evaluation).isEqualTo(AlertEvaluation.NONE))
                .expectComplete()
                .verify(java.time.Duration.ofSeconds(5));
    }

    @Test
    void shouldForgetQuietScopesBeyondItsBound() {
        AlertBook book = new AlertBook(2);
        book.of(TENANT, Scope.all()).evaluate(AlertRules.DEFAULT, AlertInputs.of(counts(1_000, 10, 500), null), NOW);
        book.of(TENANT, Scope.channel(io.funnelstream.engine.model.Channel.SMS));
        book.of(TENANT, Scope.channel(io.funnelstream.engine.model.Channel.EMAIL));
        assertThat(book.size()).isEqualTo(2);
        assertThat(book.firing(TENANT, Scope.all())).hasSize(2);
    }
}
