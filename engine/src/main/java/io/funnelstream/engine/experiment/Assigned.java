package io.funnelstream.engine.experiment;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A recipient's assignment with what the sender needs to act on it.
 *
 * @param experimentId the experiment that decided it
 * @param assignment what to do with the recipient's message
 * @param settings for a {@link Assignment.Send}, the variant's settings ({@link VariantSettings}); else empty
 */
public record Assigned(UUID experimentId, Assignment assignment, Map<String, String> settings) {

    public Assigned {
        Objects.requireNonNull(experimentId, "experimentId");
        Objects.requireNonNull(assignment, "assignment");
        settings = Map.copyOf(settings);
    }
}
