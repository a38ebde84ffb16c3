package io.funnelstream.engine.experiment;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A stored experiment.
 *
 * @param id its id
 * @param design what it tests
 * @param status where it is in its life
 * @param winner the variant declared the winner, once there is one; it never changes afterwards
 * @param winnerReason why: {@code sequential} (the always-valid interval excluded 0) or {@code deadline}
 * @param createdAt when it was created
 */
public record Experiment(
        UUID id,
        ExperimentDesign design,
        ExperimentStatus status,
        @Nullable String winner,
        @Nullable String winnerReason,
        Instant createdAt) {}
