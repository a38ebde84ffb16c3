package io.funnelstream.engine.model;

import java.util.Objects;
import java.util.UUID;

/**
 * The experiment variant a message was sent under.
 *
 * @param experimentId the experiment
 * @param variant the variant's key
 * @param inTest whether the recipient is in the test audience; false for the remainder of a test-then-winner
 *     experiment, sent the winner, whose messages count in no variant's rollups (the statistics are the test's)
 */
public record ExperimentArm(UUID experimentId, String variant, boolean inTest) {

    public ExperimentArm {
        Objects.requireNonNull(experimentId, "experimentId");
        Objects.requireNonNull(variant, "variant");
        if (variant.isEmpty()) {
            throw new IllegalArgumentException("a variant key is not empty");
        }
    }
}
