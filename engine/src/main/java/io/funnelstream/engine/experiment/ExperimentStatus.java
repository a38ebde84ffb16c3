package io.funnelstream.engine.experiment;

import java.util.Locale;
import java.util.Set;

/** Where an experiment is in its life: draft -> running <-> paused -> stopped. */
public enum ExperimentStatus {
    DRAFT,
    RUNNING,
    PAUSED,
    STOPPED;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExperimentStatus fromSlug(String slug) {
        return valueOf(slug.toUpperCase(Locale.ROOT));
    }

    /** Whether an experiment in this status may move to {@code next}. */
    public boolean canMoveTo(ExperimentStatus next) {
        return switch (this) {
            case DRAFT -> Set.of(RUNNING, STOPPED).contains(next);
            case RUNNING -> Set.of(PAUSED, STOPPED).contains(next);
            case PAUSED -> Set.of(RUNNING, STOPPED).contains(next);
            case STOPPED -> false;
        };
    }
}
