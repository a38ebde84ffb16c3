package io.funnelstream.engine.port;

import io.funnelstream.engine.model.TenantId;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** Whether a recipient asked not to be tracked: then only a survey's completion is recorded, without device data. */
public interface RecipientOptOuts {

    /** True when the recipient opted out; false for a recipient not known. */
    Mono<Boolean> optedOut(TenantId tenant, UUID recipientId);
}
