package io.funnelstream.engine.experiment;

import java.util.Locale;
import java.util.Optional;

/**
 * The primary metric of an experiment: the share of invited recipients who reached a stage. The denominator is
 * always the recipients of the variant who were sent a message of the distribution.
 */
public enum Metric {
    /** A message reached the recipient (provider's delivered event). */
    DELIVERY,
    /** The recipient opened the survey page. */
    VIEW,
    /** The recipient answered a first question. */
    START,
    /** The recipient completed the survey. */
    RESPONSE;

    /** The metric's name as the API spells it, e.g. {@code response}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The metric named {@code slug}, any case; empty for an unknown name. */
    public static Optional<Metric> fromSlug(String slug) {
        for (Metric m : values()) {
            if (m.slug().equals(slug.toLowerCase(Locale.ROOT))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
