package io.funnelstream.engine.distribution;

import java.util.Objects;

/**
 * One input field that cannot be used.
 *
 * @param field where it is, as a JSON path (recipients[3].email)
 * @param message why, readable and free of the value itself
 */
public record FieldError(String field, String message) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
