package io.funnelstream.engine.model;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The lower-case names of an enum's constants (what URLs, SQL, Redis keys and the event log carry), and the way back,
 * both computed once: slugs are read and looked up for every event the pipeline and the webhooks handle.
 */
final class Slugs<E extends Enum<E>> {

    private final Map<String, Optional<E>> bySlug = new HashMap<>();

    Slugs(E[] values) {
        for (E value : values) {
            bySlug.put(of(value), Optional.of(value));
        }
    }

    static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant with exactly this slug. */
    Optional<E> find(String slug) {
        return bySlug.getOrDefault(slug, Optional.empty());
    }

    /** The constant with this slug in any case. */
    Optional<E> findIgnoringCase(String slug) {
        Optional<E> found = bySlug.get(slug);
        return found != null ? found : find(slug.toLowerCase(Locale.ROOT));
    }
}
