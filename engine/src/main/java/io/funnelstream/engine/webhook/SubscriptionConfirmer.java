package io.funnelstream.engine.webhook;

import java.net.URI;
import reactor.core.publisher.Mono;

/**
 * Port: confirms an SNS subscription by fetching its SubscribeURL, which the verifier already checked to be https
 * on an SNS host. An adapter must time out; an error means the confirmation did not go through and the sender
 * should be asked to try again.
 */
@FunctionalInterface
public interface SubscriptionConfirmer {

    Mono<Void> confirm(URI subscribeUrl);
}
