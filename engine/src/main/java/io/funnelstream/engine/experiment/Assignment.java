package io.funnelstream.engine.experiment;

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
     * The rule: a running experiment sends every test recipient its hashed variant; the remainder (outside the
     * test share) gets the winner once one is recorded, and waits until then. A stopped experiment with a winner
     * sends the winner to everyone not assigned before. Paused and draft experiments send nothing.
     */
    static Assignment of(Experiment experiment, java.util.UUID recipient) {
        ExperimentDesign design = experiment.design();
        String winner = experiment.winner();
        if (experiment.status() == ExperimentStatus.STOPPED && winner != null) {
            return new Send(winner, false);
        }
        if (experiment.status() != ExperimentStatus.RUNNING) {
            return new NotRunning();
        }
        if (VariantAssigner.inTestAudience(experiment.id(), recipient, design.testShare())) {
            return new Send(VariantAssigner.variant(experiment.id(), recipient, design.variants()).key(), true);
        }
        return winner == null ? new Wait() : new Send(winner, false);
    }
}
