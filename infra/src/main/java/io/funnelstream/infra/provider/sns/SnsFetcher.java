package io.funnelstream.infra.provider.sns;

import java.net.URI;
import reactor.core.publisher.Mono;

/**
 * Fetches a URL SNS named, after the caller checked it is one SNS may name. The body, or empty for a 404-like
 * answer (there is nothing at that URL); an error for anything worth retrying (timeouts, 5xx, connection
 * failures) and for bodies over the fetcher's size bound. Tests inject one that sends the request elsewhere.
 */
@FunctionalInterface
public interface SnsFetcher {

    Mono<byte[]> get(URI url);
}
