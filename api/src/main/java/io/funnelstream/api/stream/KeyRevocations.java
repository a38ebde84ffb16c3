package io.funnelstream.api.stream;

import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.engine.stream.StreamGrant;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * Whether the API key behind a stream token is still live. One lookup per key and period, shared by every stream
 * of that key however many there are; a failed lookup counts as live (a directory outage must not cut every
 * stream) and is retried at the next check.
 */
public final class KeyRevocations {

    private final TenantDirectory directory;
    private final Duration freshFor;
    private final Map<UUID, Mono<Boolean>> checks = new ConcurrentHashMap<>();

    public KeyRevocations(TenantDirectory directory, Duration freshFor) {
        this.directory = directory;
        this.freshFor = freshFor;
    }

    /** True while the key exists for the grant's tenant and is not revoked. */
    public Mono<Boolean> isLive(StreamGrant grant) {
        return checks.computeIfAbsent(grant.apiKeyId(), id -> lookup(grant).cache(
                live -> freshFor, failure -> Duration.ZERO, () -> Duration.ZERO));
    }

    /** Strictly: a failed lookup is an error here, for the check at connect. */
    private Mono<Boolean> lookup(StreamGrant grant) {
        return directory.listApiKeys(grant.tenant())
                .filter(key -> key.id().equals(grant.apiKeyId()))
                .next()
                .map(key -> !key.isRevoked())
                .defaultIfEmpty(false);
    }

    /** For an open stream: a failed lookup keeps it open. */
    public Mono<Boolean> isStillLive(StreamGrant grant) {
        return isLive(grant).onErrorReturn(true);
    }
}
