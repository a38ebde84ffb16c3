package io.funnelstream.engine.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.funnelstream.engine.lifecycle.MessageLifecycle;
import io.funnelstream.engine.lifecycle.MessageState;
import io.funnelstream.engine.lifecycle.Transition;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.RollupScenarios.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class RollupDeltaPropertyTests {

    private static final Gen<Scenario> SCENARIOS = RollupScenarios.scenarios(12);
    private static final Gen<Random> RANDOMS = longs().all().map(Random::new);
    private static final Gen<RollupDelta> DELTAS = deltas();

    @Test
    void shouldMergeAssociatively() {
        qt().withExamples(500).forAll(DELTAS, DELTAS, DELTAS).checkAssert((a, b, c) ->
                assertThat(a.plus(b).plus(c)).isEqualTo(a.plus(b.plus(c))));
    }

    @Test
    void shouldMergeCommutatively() {
        qt().withExamples(500).forAll(DELTAS, DELTAS).checkAssert((a, b) -> assertThat(a.plus(b)).isEqualTo(b.plus(a)));
    }

    @Test
    void shouldKeepNoZerosAfterMerging() {
        qt().withExamples(500).forAll(DELTAS, DELTAS).checkAssert((a, b) -> {
            RollupDelta sum = a.plus(b);
            assertThat(sum.rollups().values()).allSatisfy(counts -> {
                assertThat(counts.isEmpty()).isFalse();
                assertThat(counts.values().values()).doesNotContain(0L);
            });
            assertThat(a.plus(RollupDelta.empty())).isEqualTo(a);
        });
    }

    @Test
    void shouldSumChangesToTheRecountOfTheFinalState() {
        qt().withExamples(1000).forAll(SCENARIOS, RANDOMS).checkAssert(this::changesSumToRecount);
    }

    @Test
    void shouldSumWindowsToTheSameDeltaWhereverTheyAreCut() {
        qt().withExamples(300).forAll(SCENARIOS, RANDOMS).checkAssert(this::windowsSumToWhole);
    }

    private void changesSumToRecount(Scenario scenario, Random random) {
        MessageDimensions dims = scenario.dimensions();
        RollupDelta sum = RollupDeltas.ofNewMessage(dims, scenario.initial());
        MessageState state = scenario.initial();
        for (Change change : changes(scenario, random)) {
            RollupDelta.Builder one = RollupDelta.builder();
            change.addTo(one);
            sum = sum.plus(one.build());
        }
        state = MessageLifecycle.replay(state, scenario.events());

        assertThat(sum).isEqualTo(RollupDeltas.ofFinalState(dims, state, scenario.events()));
        assertThat(sum.rollups().values())
                .allSatisfy(counts -> assertThat(counts.values().values()).allMatch(n -> n > 0));
    }

    private void windowsSumToWhole(Scenario scenario, Random random) {
        List<Change> changes = changes(scenario, random);
        if (changes.isEmpty()) {
            return;
        }
        RollupDelta whole = RollupWindows.window(changes).delta();
        RollupDelta pieces = RollupDelta.empty();
        int from = 0;
        while (from < changes.size()) {
            int to = from + 1 + random.nextInt(changes.size() - from);
            pieces = pieces.plus(RollupWindows.window(changes.subList(from, to)).delta());
            from = to;
        }

        assertThat(pieces).isEqualTo(whole);
    }

    /** The changes production would hand over: retries dropped by the event store, the rest in any order. */
    private static List<Change> changes(Scenario scenario, Random random) {
        List<Change> out = new ArrayList<>();
        Set<MessageEvent.EventKey> stored = new HashSet<>();
        MessageState state = scenario.initial();
        long offset = 0;
        for (MessageEvent event : RollupScenarios.shuffledWithDuplicates(scenario.events(), random)) {
            LogPosition position = new LogPosition("events-0", offset++);
            if (!stored.add(event.key())) {
                out.add(Change.nothing(position));
                continue;
            }
            Transition t = MessageLifecycle.apply(state, event);
            out.add(Change.ofMessage(position, scenario.dimensions(), t.change(), event.type(), event.occurredAt()));
            state = t.state();
        }
        return out;
    }

    private record Increment(RollupKey key, String counter, int amount) {}

    private static Gen<RollupDelta> deltas() {
        TenantId other = TenantId.of("00000000-0000-4000-8000-000000000001");
        Gen<RollupKey> keys = arbitrary().pick(RollupScenarios.TENANT, other)
                .zip(arbitrary().pick(Scope.all(), Scope.channel(Channel.SMS), Scope.survey(RollupScenarios.SURVEY),
                                Scope.variant(RollupScenarios.EXPERIMENT, "b")),
                        arbitrary().enumValues(BucketSize.class),
                        integers().between(0, 2),
                        (tenant, scope, size, n) -> new RollupKey(
                                tenant, scope, size, Instant.EPOCH.plus(size.length().multipliedBy(n))));
        Gen<String> counters = arbitrary().pick(Counter.OPENS, Counter.CLICKS, "stage.sent", LatencySketch.COUNT);
        Gen<Increment> increments = keys.zip(counters, integers().between(-3, 3), Increment::new);
        return lists().of(increments).ofSizeBetween(0, 12).map(list -> {
            RollupDelta.Builder builder = RollupDelta.builder();
            list.forEach(i -> builder.add(i.key(), i.counter(), i.amount()));
            return builder.build();
        });
    }
}
