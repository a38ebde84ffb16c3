package io.funnelstream.engine.analytics;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A result and the sources its figures were read from.
 *
 * @param value the result
 * @param sources every source read for it, in the order of {@link Source} (empty only if nothing was read)
 */
public record Sourced<T>(T value, Set<Source> sources) {

    public Sourced {
        Objects.requireNonNull(value, "value");
        EnumSet<Source> copy = EnumSet.noneOf(Source.class);
        copy.addAll(sources);
        sources = Collections.unmodifiableSet(copy);
    }

    /** The sources in a stable order ({@code rollups} before {@code postgres}), comma-separated. */
    public String sourceList() {
        StringBuilder out = new StringBuilder();
        for (Source source : Source.values()) {
            if (sources.contains(source)) {
                out.append(out.isEmpty() ? "" : ", ").append(source.slug());
            }
        }
        return out.toString();
    }
}
