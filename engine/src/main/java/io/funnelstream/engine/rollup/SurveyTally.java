package io.funnelstream.engine.rollup;

import io.funnelstream.engine.model.SurveyEventType;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one message's stored survey events (bots left out) come to, per type: how many, the first and the last
 * time. It decides the funnel's unique counters and the response time ({@link RollupDeltas#addSurveyFirsts}); the
 * pipeline keeps the rollups equal to the recount by adding the difference between a message's tally after and
 * before each batch. Mutable, not thread-safe.
 */
public final class SurveyTally {

    private final Map<SurveyEventType, Stat> stats = new EnumMap<>(SurveyEventType.class);

    /**
     * One type's figures, as stored rows give them.
     *
     * @param count events
     * @param first the earliest occurrence
     * @param last the latest occurrence
     */
    public record Stat(long count, Instant first, Instant last) {

        public Stat {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(last, "last");
        }

        Stat plus(Instant at) {
            return new Stat(count + 1, at.isBefore(first) ? at : first, at.isAfter(last) ? at : last);
        }
    }

    public SurveyTally copy() {
        SurveyTally copy = new SurveyTally();
        copy.stats.putAll(stats);
        return copy;
    }

    /** Adds stored figures of a type (e.g. read from Postgres). */
    public SurveyTally put(SurveyEventType type, Stat stat) {
        stats.put(type, stat);
        return this;
    }

    /** Counts one more event of {@code type} at {@code at}. */
    public SurveyTally add(SurveyEventType type, Instant at) {
        Stat s = stats.get(type);
        stats.put(type, s == null ? new Stat(1, at, at) : s.plus(at));
        return this;
    }

    public @Nullable Stat stat(SurveyEventType type) {
        return stats.get(type);
    }

    public boolean has(SurveyEventType type) {
        return stats.containsKey(type);
    }

    /** The latest activity (any type but an abandonment), or null if none. */
    public @Nullable Instant lastActivity() {
        Instant last = null;
        for (Map.Entry<SurveyEventType, Stat> e : stats.entrySet()) {
            if (e.getKey().isActivity() && (last == null || e.getValue().last().isAfter(last))) {
                last = e.getValue().last();
            }
        }
        return last;
    }

    /** Whether the respondent is counted as abandoned since the last activity (or abandoned with none). */
    public boolean abandonedSinceActivity() {
        Stat abandoned = stats.get(SurveyEventType.ABANDONED);
        Instant activity = lastActivity();
        return abandoned != null && (activity == null || !abandoned.last().isBefore(activity));
    }

    /** Started (or answered) and neither completed nor abandoned since: an inactivity timer should run. */
    public boolean open() {
        return (has(SurveyEventType.STARTED) || has(SurveyEventType.PROGRESS))
                && !has(SurveyEventType.COMPLETED)
                && !abandonedSinceActivity();
    }

    Map<SurveyEventType, Stat> stats() {
        return stats;
    }
}
