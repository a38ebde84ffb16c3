package io.funnelstream.engine.json;

/**
 * Bounds a parse may not exceed, so a hostile document costs little.
 *
 * @param maxBytes the largest document accepted, in bytes
 * @param maxDepth the deepest nesting of arrays and objects accepted
 */
public record JsonLimits(int maxBytes, int maxDepth) {

    /** 4 MiB and 64 levels: far above any provider webhook, far below harm. */
    public static final JsonLimits DEFAULT = new JsonLimits(4 * 1024 * 1024, 64);

    public JsonLimits {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be positive: " + maxDepth);
        }
    }
}
