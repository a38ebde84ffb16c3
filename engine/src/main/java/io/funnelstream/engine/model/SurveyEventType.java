package io.funnelstream.engine.model;

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

    private final String slug = Slugs.of(this);

    /** The lower-case name used on the wire and in SQL. */
    public String slug() {
        return slug;
    }

    public static Optional<SurveyEventType> fromSlug(String slug) {
        return SLUGS.find(slug);
    }

    private static final Slugs<SurveyEventType> SLUGS = new Slugs<>(values());
}
