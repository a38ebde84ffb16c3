package io.funnelstream.engine.experiment;

import java.util.Map;

/**
 * One arm of an experiment.
 *
 * @param key a short name unique in the experiment ({@code a}, {@code short-subject}); the first variant is the
 *     control every other is compared with
 * @param weight the share of the test audience it gets; the weights of an experiment sum to 1
 * @param settings what this variant changes: {@code template}, {@code subject}, {@code channel}, {@code sendAt}
 */
public record Variant(String key, double weight, Map<String, String> settings) {

    public Variant {
        settings = Map.copyOf(settings);
    }
}
