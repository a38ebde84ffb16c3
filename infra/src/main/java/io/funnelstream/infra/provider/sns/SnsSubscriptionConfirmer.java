package io.funnelstream.infra.provider.sns;

import io.funnelstream.engine.webhook.SnsEndpoints;
import io.funnelstream.engine.webhook.SubscriptionConfirmer;
import java.net.URI;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * Confirms SNS subscriptions by fetching their SubscribeURL, which must be https on an SNS host; the answer's
 * body (the subscription's ARN) is not needed. Anything but a successful answer is an error.
 */
public final class SnsSubscriptionConfirmer implements SubscriptionConfirmer {

    private final SnsFetcher fetcher;

    public SnsSubscriptionConfirmer(SnsFetcher fetcher) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    }

    @Override
    public Mono<Void> confirm(URI subscribeUrl) {
        if (SnsEndpoints.trusted(subscribeUrl.toString()).isEmpty()) {
            return Mono.error(new IllegalArgumentException("not an SNS URL: " + subscribeUrl.getHost()));
        }
        return fetcher.get(subscribeUrl)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                        "SNS has no subscription at " + subscribeUrl.getHost() + subscribeUrl.getPath())))
                .then();
    }
}
