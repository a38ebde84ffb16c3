package io.funnelstream.engine.experiment.stats;

/**
 * Successes out of trials in one arm of an experiment.
 *
 * @param successes how many trials succeeded, {@code 0 <= successes <= trials}
 * @param trials how many trials there were; 0 is an empty arm
 */
public record Proportion(long successes, long trials) {

    public Proportion {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, got " + successes + "/" + trials);
        }
    }

    /** The observed rate; 0 for an empty arm, which has no rate to speak of. */
    public double rate() {
        return trials == 0 ? 0.0 : (double) successes / trials;
    }

    public long failures() {
        return trials - successes;
    }

    public boolean isEmpty() {
        return trials == 0;
    }
}
