package io.funnelstream.engine.webhook;

import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Port: remembers signed one-time tokens until they expire, for providers whose signature does not cover the
 * body (Mailgun). The first claim of a token wins; claiming it again with the same body fingerprint is a
 * harmless retransmission, with another body a forgery.
 */
public interface ReplayGuard {

    /**
     * Records {@code token} with the body's {@code fingerprint} until {@code expiresAt}, unless already known.
     */
    Mono<Claim> claim(String token, byte[] fingerprint, Instant expiresAt);

    /** The outcome of a claim. */
    enum Claim {
        /** Not seen before: now recorded. */
        FIRST,
        /** Seen before with the same fingerprint: the same request sent again. */
        REPEATED,
        /** Seen before with another fingerprint: the token is being reused for a different body. */
        CONFLICT
    }
}
