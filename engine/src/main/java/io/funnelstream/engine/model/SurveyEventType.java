package io.funnelstream.engine.model;

import java.util.Locale;
import java.util.Optional;

/** What a survey viewer reported, or the engine concluded, about one respondent's way through a survey. */
public enum SurveyEventType {
    VIEWED,
    STARTED,
    /** An answer given; carries the question index. Counts in no funnel step, but is activity. */
    PROGRESS,
    COMPLETED,
    ABANDONED;

    /** Whether the respondent did something: every type but an abandonment. */
    public boolean isActivity() {
        return this != ABANDONED;
    }

    /** The lower-case name used on the wire and in SQL. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SurveyEventType> fromSlug(String slug) {
        for (SurveyEventType t : values()) {
            if (t.slug().equals(slug)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
