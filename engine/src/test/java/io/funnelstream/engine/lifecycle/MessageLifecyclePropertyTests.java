package io.funnelstream.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.funnelstream.engine.lifecycle.LifecycleScenarios.Scenario;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class MessageLifecyclePropertyTests {

    private static final Gen<Scenario> SCENARIOS = LifecycleScenarios.scenarios(14);
    private static final Gen<Scenario> SMALL_SCENARIOS = LifecycleScenarios.scenarios(5);
    private static final Gen<Random> RANDOMS = longs().all().map(Random::new);

    @Test
    void shouldReachSameStateInEveryPermutation() {
        qt().withExamples(300).forAll(SMALL_SCENARIOS).checkAssert(this::reachesSameStateInEveryPermutation);
    }

    @Test
    void shouldReachSameStateInAnyOrderWithRetries() {
        qt().withExamples(1000).forAll(SCENARIOS, RANDOMS).checkAssert(this::reachesSameStateWithRetries);
    }

    @Test
    void shouldNeverMoveStatusBackwards() {
        qt().withExamples(1000).forAll(SCENARIOS, RANDOMS).checkAssert(this::neverMovesBackwards);
    }

    @Test
    void shouldSumChangesToWhatTheFinalStateHolds() {
        qt().withExamples(1000).forAll(SCENARIOS, RANDOMS).checkAssert(this::changesSumToFinalState);
    }

    @Test
    void shouldMatchIndependentReadingOfTheEvents() {
        qt().withExamples(1000).forAll(SCENARIOS).checkAssert(this::matchesIndependentReading);
    }

    private void reachesSameStateInEveryPermutation(Scenario scenario) {
        MessageState expected = MessageLifecycle.replay(scenario.initial(), scenario.events());

        for (List<MessageEvent> order : permutations(scenario.events())) {
            assertThat(MessageLifecycle.replay(scenario.initial(), order)).isEqualTo(expected);
        }
    }

    private void reachesSameStateWithRetries(Scenario scenario, Random random) {
        MessageState expected = MessageLifecycle.replay(scenario.initial(), scenario.events());

        for (int i = 0; i < 5; i++) {
            List<MessageEvent> order = LifecycleScenarios.shuffledWithDuplicates(scenario.events(), random);
            assertThat(MessageLifecycle.replay(scenario.initial(), order)).isEqualTo(expected);
        }
    }

    private void neverMovesBackwards(Scenario scenario, Random random) {
        MessageState state = scenario.initial();
        for (MessageEvent event : LifecycleScenarios.shuffledWithDuplicates(scenario.events(), random)) {
            Transition t = MessageLifecycle.apply(state, event);
            assertThat(t.change().statusBefore()).isEqualTo(state.status());
            assertThat(t.change().statusAfter()).isEqualTo(t.state().status());
            assertThat(t.state().status().statusRank()).isGreaterThanOrEqualTo(state.status().statusRank());
            state = t.state();
        }
    }

    private void changesSumToFinalState(Scenario scenario, Random random) {
        List<MessageEvent> order = new ArrayList<>(scenario.events());
        Collections.shuffle(order, random);
        MessageState state = scenario.initial();
        ChangeLedger ledger = new ChangeLedger(state);
        for (MessageEvent event : order) {
            Transition t = MessageLifecycle.apply(state, event);
            ledger.add(t.change());
            state = t.state();
        }

        assertThat(ledger.firstReached).isEqualTo(state.firstReached());
        assertThat(ledger.opens).isEqualTo(state.opens());
        assertThat(ledger.machineOpens).isEqualTo(state.machineOpens());
        assertThat(ledger.clicks).isEqualTo(state.clicks());
        assertThat(ledger.messagesByStatus).isEqualTo(Map.of(state.status(), 1));
    }

    private void matchesIndependentReading(Scenario scenario) {
        MessageState state = MessageLifecycle.replay(scenario.initial(), scenario.events());

        Map<Stage, Instant> expectedTimes = expectedFirstTimes(scenario);
        assertThat(state.firstReached()).isEqualTo(expectedTimes);
        assertThat(state.status()).isEqualTo(expectedTimes.keySet().stream()
                .max(Comparator.comparingInt(Stage::statusRank))
                .orElseThrow());
        assertThat(state.opens()).isEqualTo(count(scenario, e -> e.type() == EventType.OPENED && !e.machineOpen()));
        assertThat(state.machineOpens())
                .isEqualTo(count(scenario, e -> e.type() == EventType.OPENED && e.machineOpen()));
        assertThat(state.clicks()).isEqualTo(count(scenario, e -> e.type() == EventType.CLICKED));
        assertThat(Optional.ofNullable(state.failure())).isEqualTo(expectedFailure(scenario));
    }

    /** Stage first times computed straight from the rules: the minimum time of every event implying it. */
    private static Map<Stage, Instant> expectedFirstTimes(Scenario scenario) {
        Map<Stage, Instant> out = new EnumMap<>(Stage.class);
        out.put(Stage.QUEUED, TestEvents.QUEUED_AT);
        for (MessageEvent e : scenario.events()) {
            for (Stage s : reachedBy(e).map(Stage::closure).orElse(Set.of())) {
                out.merge(s, e.occurredAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return out;
    }

    private static Optional<Stage> reachedBy(MessageEvent e) {
        return e.type() == EventType.OPENED && e.machineOpen() ? Optional.of(Stage.DELIVERED) : e.stage();
    }

    private static Optional<FailureDetail> expectedFailure(Scenario scenario) {
        return scenario.events().stream()
                .filter(e -> reachedBy(e).filter(FailureDetail::isFailure).isPresent())
                .sorted(Comparator.comparingInt((MessageEvent e) -> -reachedBy(e).orElseThrow().statusRank())
                        .thenComparing(MessageEvent::occurredAt)
                        .thenComparing(MessageEvent::providerEventId))
                .findFirst()
                .map(e -> new FailureDetail(
                        reachedBy(e).orElseThrow(), e.occurredAt(), e.providerEventId(), e.reason(), e.errorCode()));
    }

    private static int count(Scenario scenario, Predicate<MessageEvent> which) {
        return (int) scenario.events().stream().filter(which).count();
    }

    private static List<List<MessageEvent>> permutations(List<MessageEvent> events) {
        if (events.isEmpty()) {
            return List.of(List.of());
        }
        List<List<MessageEvent>> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            List<MessageEvent> rest = new ArrayList<>(events);
            MessageEvent head = rest.remove(i);
            for (List<MessageEvent> tail : permutations(rest)) {
                List<MessageEvent> p = new ArrayList<>();
                p.add(head);
                p.addAll(tail);
                out.add(p);
            }
        }
        return out;
    }
}
