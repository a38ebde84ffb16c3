package io.funnelstream.engine.json;

/** A document that is not strict RFC 8259 JSON, or exceeds a {@link JsonLimits} bound. */
public final class JsonParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int position;

    JsonParseException(int position, String problem) {
        super(problem + " at byte " + position);
        this.position = position;
    }

    /** The zero-based byte offset where the problem was found. */
    public int position() {
        return position;
    }
}
