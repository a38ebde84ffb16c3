package io.funnelstream.engine.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.experiment.Recommendation.Decision;
import io.funnelstream.engine.experiment.stats.Proportion;
import io.funnelstream.engine.model.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The auto-stop and the sender's assignments over a scripted store. */
class ExperimentsTests {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final TenantId TENANT = new TenantId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));

    final FakeStore store = new FakeStore();
    final Experiments experiments = new Experiments(store, Clock.fixed(AnalysisTests.NOW, ZoneOffset.UTC));

    @Test
    void shouldRecordTheSequentialWinnerOnceAndSendItToTheRemainder() {
        Experiment e = store.put(AnalysisTests.design(0.5, null), ExperimentStatus.RUNNING);
        UUID remainder = outsideTest(e);
        assertThat(experiments.assign(TENANT, e.design().distribution(), remainder).block(TIMEOUT))
                .isEqualTo(new Assignment.Wait());

        store.counts = Map.of("a", 10_000L, "b", 10_000L);
        store.outcomes = Map.of("a", new Proportion(2_000, 10_000), "b", new Proportion(2_300, 10_000));
        ExperimentResults results = experiments.results(TENANT, e.id()).block(TIMEOUT);
        assertThat(results.experiment().winner()).isEqualTo("b");
        assertThat(results.experiment().winnerReason()).isEqualTo("sequential");

        // later counts cannot undo a recorded decision
        store.outcomes = Map.of("a", new Proportion(2_300, 10_000), "b", new Proportion(2_000, 10_000));
        assertThat(experiments.results(TENANT, e.id()).block(TIMEOUT).recommendation())
                .extracting(Recommendation::decision, Recommendation::winner)
                .containsExactly(Decision.DECLARE_WINNER, "b");
        assertThat(experiments.assign(TENANT, e.design().distribution(), remainder).block(TIMEOUT))
                .isEqualTo(new Assignment.Send("b", false));
    }

    @Test
    void shouldAnswerTheSenderWithTheExperimentAndTheRecordedVariantsSettings() {
        Experiment e = store.put(AnalysisTests.design(1, null), ExperimentStatus.RUNNING);
        UUID recipient = UUID.randomUUID();
        String hashed = VariantAssigner.variant(e.id(), recipient, e.design().variants()).key();

        Assigned assigned = experiments.assignForSending(TENANT, e.design().distribution(), recipient).block(TIMEOUT);

        assertThat(assigned.experimentId()).isEqualTo(e.id());
        assertThat(assigned.assignment()).isEqualTo(new Assignment.Send(hashed, true));
        assertThat(assigned.settings()).containsEntry("subject", hashed.equals("a") ? "Hi" : "Yo");
        assertThat(experiments.assignForSending(TENANT, UUID.randomUUID(), recipient).blockOptional(TIMEOUT))
                .as("a distribution without experiment").isEmpty();
    }

    @Test
    void shouldRejectUnknownAndMalformedVariantSettings() {
        ExperimentDesign d = AnalysisTests.design(1, null);
        ExperimentDesign bad = new ExperimentDesign(d.distribution(), d.name(), List.of(
                new Variant("a", 0.5, Map.of("colour", "red", "sendAt", "tomorrow")),
                new Variant("b", 0.5, Map.of("channel", "pigeon", "template", " "))),
                d.metric(), d.alpha(), d.power(), d.minimumDetectableEffect(), d.maxSamplePerArm(), 1, null);

        assertThat(bad.problems()).hasSize(4).anyMatch(p -> p.contains("'colour'"))
                .anyMatch(p -> p.contains("'sendAt'")).anyMatch(p -> p.contains("'channel'"))
                .anyMatch(p -> p.contains("'template'"));
        assertThat(d.problems()).isEmpty();
        ExperimentDesign channelTest = new ExperimentDesign(d.distribution(), d.name(), List.of(
                new Variant("a", 0.5, Map.of()), new Variant("b", 0.5, Map.of("channel", "sms"))),
                d.metric(), d.alpha(), d.power(), d.minimumDetectableEffect(), d.maxSamplePerArm(), 1, null);
        assertThat(channelTest.problems()).as("a channel variant is sent on that channel").isEmpty();
        assertThat(bad.problems()).filteredOn(p -> p.contains("'channel'")).singleElement().asString()
                .contains("email, sms or whatsapp", "pigeon");
    }

    @Test
    void shouldNotStopWhileTheSampleRatioIsOff() {
        Experiment e = store.put(AnalysisTests.design(1, null), ExperimentStatus.RUNNING);
        store.counts = Map.of("a", 10_000L, "b", 11_000L);
        store.outcomes = Map.of("a", new Proportion(2_000, 10_000), "b", new Proportion(2_600, 11_000));
        ExperimentResults results = experiments.results(TENANT, e.id()).block(TIMEOUT);
        assertThat(results.recommendation().decision()).isEqualTo(Decision.CHECK_ASSIGNMENT);
        assertThat(results.experiment().winner()).isNull();
    }

    @Test
    void shouldGiveTheRemainderTheBestRateAtTheDeadline() {
        Instant deadline = AnalysisTests.NOW.minusSeconds(1);
        Experiment e = store.put(AnalysisTests.design(0.5, deadline), ExperimentStatus.RUNNING);
        store.counts = Map.of("a", 300L, "b", 300L);
        store.outcomes = Map.of("a", new Proportion(60, 300), "b", new Proportion(66, 300));
        assertThat(experiments.assign(TENANT, e.design().distribution(), outsideTest(e)).block(TIMEOUT))
                .isEqualTo(new Assignment.Send("b", false));
        assertThat(store.experiment.winnerReason()).isEqualTo("deadline");
    }

    @Test
    void shouldFollowTheLifeOfAnExperiment() {
        Experiment e = store.put(AnalysisTests.design(1, null), ExperimentStatus.DRAFT);
        assertThat(experiments.changeStatus(TENANT, e.id(), ExperimentStatus.PAUSED).block(TIMEOUT))
                .isEqualTo(new StatusChange.NotAllowed(ExperimentStatus.DRAFT, ExperimentStatus.PAUSED));
        assertThat(experiments.changeStatus(TENANT, e.id(), ExperimentStatus.RUNNING).block(TIMEOUT))
                .isInstanceOf(StatusChange.Changed.class);
        assertThat(experiments.changeStatus(TENANT, UUID.randomUUID(), ExperimentStatus.RUNNING)
                .blockOptional(TIMEOUT)).isEmpty();
    }

    private static UUID outsideTest(Experiment e) {
        Random random = new Random(11);
        UUID recipient;
        do {
            recipient = new UUID(random.nextLong(), random.nextLong());
        } while (VariantAssigner.inTestAudience(e.id(), recipient, e.design().testShare()));
        return recipient;
    }

    /** One experiment in memory, with counts the test sets. */
    static final class FakeStore implements ExperimentStore {

        @Nullable Experiment experiment;
        Map<String, Long> counts = Map.of();
        Map<String, Proportion> outcomes = Map.of();
        final Map<UUID, Assignment.Send> assignments = new HashMap<>();

        Experiment put(ExperimentDesign design, ExperimentStatus status) {
            experiment = new Experiment(UUID.randomUUID(), design, status, null, null, AnalysisTests.NOW);
            return experiment;
        }

        @Override
        public Mono<Experiment> create(TenantId tenant, ExperimentDesign design) {
            return Mono.just(put(design, ExperimentStatus.DRAFT));
        }

        @Override
        public Mono<Experiment> find(TenantId tenant, UUID id) {
            return Mono.justOrEmpty(experiment).filter(e -> e.id().equals(id));
        }

        @Override
        public Flux<Experiment> list(TenantId tenant, int limit) {
            return Mono.justOrEmpty(experiment).flux();
        }

        @Override
        public Mono<Experiment> findForDistribution(TenantId tenant, UUID distribution) {
            return Mono.justOrEmpty(experiment).filter(e -> e.design().distribution().equals(distribution));
        }

        @Override
        public Mono<Experiment> changeStatus(
                TenantId tenant, UUID id, ExperimentStatus from, ExperimentStatus to, Instant at) {
            return find(tenant, id).filter(e -> e.status() == from).map(e -> {
                experiment = new Experiment(e.id(), e.design(), to, e.winner(), e.winnerReason(), e.createdAt());
                return experiment;
            });
        }

        @Override
        public Mono<Experiment> recordWinner(TenantId tenant, UUID id, String variant, String reason) {
            return find(tenant, id).map(e -> {
                if (e.winner() == null) {
                    experiment = new Experiment(e.id(), e.design(), e.status(), variant, reason, e.createdAt());
                }
                return experiment;
            });
        }

        @Override
        public Mono<Assignment.Send> recordAssignment(
                TenantId tenant, UUID id, UUID recipient, String variant, boolean inTest) {
            return Mono.just(assignments.computeIfAbsent(recipient, r -> new Assignment.Send(variant, inTest)));
        }

        @Override
        public Mono<Map<String, Long>> assignedCounts(TenantId tenant, UUID id) {
            return Mono.just(counts);
        }

        @Override
        public Mono<Map<String, Proportion>> outcomes(TenantId tenant, UUID id, UUID distribution, Metric metric) {
            return Mono.just(outcomes);
        }
    }
}
