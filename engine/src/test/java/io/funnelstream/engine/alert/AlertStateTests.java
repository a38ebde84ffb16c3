package io.funnelstream.engine.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.funnelstream.engine.metrics.Rate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The hysteresis of one alert: when it fires, when it clears, and that it never flaps. */
class AlertStateTests {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    /** Rules with a threshold of 1..20%, a margin up to the threshold, samples of 1..200, clearing after 1..5. */
    static final Gen<AlertRule> RULES = integers().between(1, 20)
            .zip(integers().between(0, 100), longs().between(1, 200), integers().between(1, 5),
                    (pct, marginShare, min, clear) -> new AlertRule(pct / 100.0, min, pct / 100.0 * marginShare / 100,
                            clear));

    /** Rates around any threshold up to 20%: 0..25% of 0..400 (no sample at all included). */
    static final Gen<@Nullable Rate> RATES = integers().between(0, 400).zip(integers().between(0, 250),
            (denominator, permille) -> denominator == 0 ? null : new Rate(denominator * permille / 1000, denominator));

    static final Gen<List<@Nullable Rate>> SEQUENCES = lists().of(RATES).ofSizeBetween(0, 60);

    record Run(List<Optional<Alert>> transitions, List<AlertState> states) {}

    static Run run(AlertKind kind, AlertRule rule, List<@Nullable Rate> rates) {
        AlertState state = AlertState.quiet(kind);
        List<Optional<Alert>> transitions = new ArrayList<>();
        List<AlertState> states = new ArrayList<>();
        for (int i = 0; i < rates.size(); i++) {
            AlertState.Step step = state.next(rule, rates.get(i), T0.plusSeconds(i));
            state = step.state();
            transitions.add(step.transition());
            states.add(state);
        }
        return new Run(transitions, states);
    }

    static boolean bad(AlertRule rule, @Nullable Rate rate) {
        return rate != null && rate.denominator() >= rule.minSample() && rate.value() > rule.threshold();
    }

    static boolean good(AlertRule rule, @Nullable Rate rate) {
        return rate == null || rate.denominator() >= rule.minSample() && rate.value() < rule.threshold() - rule.margin();
    }

    @Test
    void shouldFireOnlyOnABadReadingWithEnoughSample() {
        qt().forAll(RULES, SEQUENCES).checkAssert((rule, rates) -> {
            Run run = run(AlertKind.BOUNCE_RATE, rule, rates);
            for (int i = 0; i < rates.size(); i++) {
                run.transitions().get(i).filter(a -> a.status() == AlertStatus.FIRING).ifPresent(alert -> {
                    assertThat(alert.rate()).isNotNull();
                    assertThat(alert.rate().denominator()).isGreaterThanOrEqualTo(rule.minSample());
                    assertThat(alert.rate().value()).isGreaterThan(rule.threshold());
                });
            }
        });
    }

    @Test
    void shouldAlternateFiringAndResolvedStartingWithFiring() {
        qt().forAll(RULES, SEQUENCES).checkAssert((rule, rates) -> {
            AlertStatus expected = AlertStatus.FIRING;
            for (Optional<Alert> transition : run(AlertKind.BOUNCE_RATE, rule, rates).transitions()) {
                if (transition.isPresent()) {
                    assertThat(transition.get().status()).isEqualTo(expected);
                    expected = expected == AlertStatus.FIRING ? AlertStatus.RESOLVED : AlertStatus.FIRING;
                }
            }
        });
    }

    @Test
    void shouldResolveOnlyAfterClearAfterConsecutiveGoodReadingsSinceItFired() {
        qt().forAll(RULES, SEQUENCES).checkAssert((rule, rates) -> {
            Run run = run(AlertKind.BOUNCE_RATE, rule, rates);
            int firedAt = -1;
            for (int i = 0; i < rates.size(); i++) {
                Optional<Alert> t = run.transitions().get(i);
                if (t.isPresent() && t.get().status() == AlertStatus.FIRING) {
                    firedAt = i;
                }
                if (t.isPresent() && t.get().status() == AlertStatus.RESOLVED) {
                    assertThat(i - firedAt).as("evaluations from firing to resolving").isGreaterThanOrEqualTo(
                            rule.clearAfter());
                    for (int j = i - rule.clearAfter() + 1; j <= i; j++) {
                        assertThat(good(rule, rates.get(j))).as("reading %d before resolving", i - j).isTrue();
                    }
                }
            }
        });
    }

    @Test
    void shouldMatchAModelOfFireOnBadClearAfterAStreakOfGood() {
        qt().forAll(RULES, SEQUENCES).checkAssert((rule, rates) -> {
            Run run = run(AlertKind.BOUNCE_RATE, rule, rates);
            boolean firing = false;
            int streak = 0;
            for (int i = 0; i < rates.size(); i++) {
                Rate rate = rates.get(i);
                if (!firing) {
                    firing = bad(rule, rate);
                } else {
                    streak = good(rule, rate) ? streak + 1 : 0;
                    if (streak >= rule.clearAfter()) {
                        firing = false;
                        streak = 0;
                    }
                }
                assertThat(run.states().get(i).firing()).as("firing after reading %d", i).isEqualTo(firing);
            }
        });
    }

    @Test
    void shouldNotFlapWhileTheRateHoversInsideTheMargin() {
        // Above the threshold, then just under it (inside the margin), over and over: one alert, never resolved.
        qt().forAll(integers().between(2, 20), integers().between(2, 40)).checkAssert((pct, rounds) -> {
            AlertRule rule = new AlertRule(pct / 100.0, 100, pct / 200.0, 1);
            List<@Nullable Rate> rates = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                rates.add(new Rate(pct * 10L + 5, 1_000));
                rates.add(new Rate(pct * 10L - 1, 1_000));
            }
            List<Alert> transitions = run(AlertKind.BOUNCE_RATE, rule, rates).transitions().stream()
                    .flatMap(Optional::stream).toList();
            assertThat(transitions).extracting(Alert::status).containsExactly(AlertStatus.FIRING);
        });
    }

    @Test
    void shouldNotFlapWhenGoodAndBadAlternateFasterThanClearAfter() {
        qt().forAll(integers().between(2, 5), integers().between(2, 40)).checkAssert((clearAfter, rounds) -> {
            AlertRule rule = new AlertRule(0.05, 100, 0.01, clearAfter);
            List<@Nullable Rate> rates = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                rates.add(new Rate(80, 1_000));
                for (int g = 0; g < clearAfter - 1; g++) {
                    rates.add(new Rate(10, 1_000));
                }
            }
            List<Alert> transitions = run(AlertKind.BOUNCE_RATE, rule, rates).transitions().stream()
                    .flatMap(Optional::stream).toList();
            assertThat(transitions).extracting(Alert::status).containsExactly(AlertStatus.FIRING);
        });
    }

    @Test
    void shouldHoldWhileTheSampleIsBelowTheMinimumAndClearOnceTheRangeIsEmpty() {
        AlertRule rule = new AlertRule(0.05, 100, 0.01, 2);
        List<@Nullable Rate> rates = new ArrayList<>();
        rates.add(new Rate(10, 100));
        rates.add(new Rate(0, 50));
        rates.add(new Rate(0, 50));
        rates.add(new Rate(0, 50));
        rates.add(null);
        rates.add(null);
        Run run = run(AlertKind.BOUNCE_RATE, rule, rates);
        assertThat(run.states()).extracting(AlertState::firing).containsExactly(true, true, true, true, true, false);
        assertThat(run.transitions().getLast()).get().satisfies(alert -> {
            assertThat(alert.status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(alert.since()).isEqualTo(T0.plusSeconds(5));
        });
    }

    @Test
    void shouldFireADeliveryAlertBelowItsThresholdAndClearAboveThresholdPlusMargin() {
        AlertRule rule = AlertRule.defaultFor(AlertKind.DELIVERY_RATE);
        assertThat(rule.threshold()).isEqualTo(0.95);
        List<@Nullable Rate> rates = List.of(
                new Rate(950, 1_000), new Rate(949, 1_000), new Rate(955, 1_000), new Rate(961, 1_000),
                new Rate(970, 1_000), new Rate(980, 1_000));
        Run run = run(AlertKind.DELIVERY_RATE, rule, rates);
        assertThat(run.states()).extracting(AlertState::firing).containsExactly(false, true, true, true, true, false);
        assertThat(run.transitions().get(1)).get().extracting(Alert::since).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void shouldDefaultToTheIssuesThresholds() {
        assertThat(AlertRules.DEFAULT.rule(AlertKind.BOUNCE_RATE).threshold()).isEqualTo(0.05);
        assertThat(AlertRules.DEFAULT.rule(AlertKind.DELIVERY_RATE).threshold()).isEqualTo(0.95);
        assertThat(AlertRules.DEFAULT.rule(AlertKind.WEBHOOK_FAILURE_RATE).threshold()).isEqualTo(0.01);
        assertThat(AlertRules.DEFAULT.rules()).hasSize(AlertKind.values().length);
    }
}
