package io.funnelstream.engine.form;

/** Form data that cannot be decoded: a bad percent escape or bytes that are not UTF-8. */
public final class FormParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int position;

    FormParseException(int position, String problem) {
        super(problem + " at byte " + position);
        this.position = position;
    }

    /** The zero-based byte offset where the problem was found. */
    public int position() {
        return position;
    }
}
