package io.funnelstream.engine.tracking;

/** What checking a tracking token came to. */
public sealed interface TokenVerdict {

    /** Signed by one of our keys and not expired. */
    record Valid(TrackingClaims claims) implements TokenVerdict {}

    /** Not ours: malformed, an unknown key or a wrong signature. */
    record Forged(String detail) implements TokenVerdict {}

    /** Ours, but past its expiry. */
    record Expired(TrackingClaims claims) implements TokenVerdict {}
}
