package io.funnelstream.engine.normalize;

/** Raised while reading a payload that does not have the provider's shape; becomes a MALFORMED result. */
final class Malformed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    Malformed(String detail) {
        super(detail, null, false, false);
    }
}
