package io.funnelstream.engine.model;

import java.util.Objects;

/**
 * A newly issued API key together with its secret, which exists only here: show it once, then drop it.
 *
 * @param key the stored key
 * @param plaintext the full key to hand to its owner
 */
public record IssuedApiKey(ApiKey key, String plaintext) {

    public IssuedApiKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(plaintext, "plaintext");
    }

    /** Keeps the secret out of logs. */
    @Override
    public String toString() {
        return "IssuedApiKey[key=" + key + ", plaintext=" + key.keyPrefix() + "...]";
    }
}
