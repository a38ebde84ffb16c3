package io.funnelstream.engine.experiment;

/** The outcome of asking an experiment to start, pause or stop. */
public sealed interface StatusChange {

    /** It moved; {@code experiment} is as stored now. */
    record Changed(Experiment experiment) implements StatusChange {}

    /** It cannot move there from where it is (e.g. a stopped experiment never starts again). */
    record NotAllowed(ExperimentStatus current, ExperimentStatus wanted) implements StatusChange {}
}
