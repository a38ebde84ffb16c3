package io.funnelstream.engine.stream;

/** The outcome of checking a stream token. */
public sealed interface TokenCheck {

    record Valid(StreamGrant grant) implements TokenCheck {}

    /** Malformed, signed by an unknown key, forged or expired; {@code reason} is safe to show. */
    record Refused(String reason) implements TokenCheck {}
}
