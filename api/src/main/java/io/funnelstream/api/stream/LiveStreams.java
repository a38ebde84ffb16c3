package io.funnelstream.api.stream;

import io.funnelstream.engine.stream.ConnectionShaper;
import io.funnelstream.engine.stream.ScopeHub;
import io.funnelstream.engine.stream.StreamTokens;
import java.time.Duration;
import java.util.Objects;
import reactor.core.scheduler.Scheduler;

/**
 * What the stream endpoint works with, assembled by the configuration.
 *
 * @param hub one hub per tenant scope
 * @param shaper per-connection buffering, heartbeats and stall detection
 * @param tokens checks stream tokens
 * @param revocations whether a token's key is still live
 * @param metrics stream metrics
 * @param retry sent as {@code retry:} on each connection's first event
 * @param revocationCheck how often an open stream re-checks its key
 * @param scheduler timers of the revocation checks
 */
public record LiveStreams(
        ScopeHub hub,
        ConnectionShaper shaper,
        StreamTokens tokens,
        KeyRevocations revocations,
        StreamMetrics metrics,
        Duration retry,
        Duration revocationCheck,
        Scheduler scheduler) {

    public LiveStreams {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(shaper, "shaper");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(revocations, "revocations");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(revocationCheck, "revocationCheck");
        Objects.requireNonNull(scheduler, "scheduler");
    }
}
