package io.funnelstream.engine.experiment;

import java.util.UUID;

/** What a recipient of an experiment's distribution gets. */
public sealed interface Assignment {

    /**
     * Send this variant.
     *
     * @param variant the variant's key
     * @param inTest whether the recipient is in the test audience (false: the remainder, sent the winner)
     */
    record Send(String variant, boolean inTest) implements Assignment {}

    /** The recipient is in the remainder and no winner is known yet: send nothing now, ask again later. */
    record Wait() implements Assignment {}

    /** The experiment is not running (draft, paused or stopped without a winner): send nothing from it. */
    record NotRunning() implements Assignment {}

    /**
     * The rule: once a winner is recorded, everyone not assigned before gets it (outside the test, so the statistics
     * stay those of the test), whether the experiment is running or stopped. Before that, a running experiment sends
     * each test recipient its hashed variant, and the remainder (outside the test share) waits. A draft, a paused
     * experiment, and one stopped without a winner send nothing.
     */
    static Assignment of(Experiment experiment, UUID recipient) {
        ExperimentDesign design = experiment.design();
        String winner = experiment.winner();
        boolean live = experiment.status() == ExperimentStatus.RUNNING;
        if (winner != null && (live || experiment.status() == ExperimentStatus.STOPPED)) {
            return new Send(winner, false);
        }
        if (!live) {
            return new NotRunning();
        }
        if (VariantAssigner.inTestAudience(experiment.id(), recipient, design.testShare())) {
            return new Send(VariantAssigner.variant(experiment.id(), recipient, design.variants()).key(), true);
        }
        return new Wait();
    }
}
