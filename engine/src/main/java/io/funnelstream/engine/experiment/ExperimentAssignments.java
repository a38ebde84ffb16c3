package io.funnelstream.engine.experiment;

import io.funnelstream.engine.model.TenantId;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * What the sender asks before it sends a distribution's message to a recipient: which variant, if the
 * distribution has an experiment. The answer is recorded, so asking again (on any instance) answers the same.
 */
public interface ExperimentAssignments {

    /**
     * The recipient's assignment under the distribution's experiment; empty when the distribution has none, in which
     * case the sender sends the distribution as it is. A {@link Assignment.Wait} asks the sender to hold the message
     * and ask again later; a {@link Assignment.Send} names the variant whose settings apply.
     */
    default Mono<Assignment> assign(TenantId tenant, UUID distribution, UUID recipient) {
        return assignForSending(tenant, distribution, recipient).map(Assigned::assignment);
    }

    /**
     * {@link #assign}, with the experiment that decided and, for a {@link Assignment.Send}, the variant's settings:
     * what the sender asks before each message of a distribution.
     */
    Mono<Assigned> assignForSending(TenantId tenant, UUID distribution, UUID recipient);

    /** No experiments: every distribution sends as it is. */
    ExperimentAssignments NONE = (tenant, distribution, recipient) -> Mono.empty();
}
