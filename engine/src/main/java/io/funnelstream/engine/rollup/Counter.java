package io.funnelstream.engine.rollup;

import io.funnelstream.engine.model.Stage;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names of rollup counters. Names are stable: they are the field names of the stores' hashes.
 *
 * <ul>
 *   <li>{@code stage.<stage>}: messages that first reached the stage in the bucket (by the stage's first
 *       time; a message whose first time moves to another bucket moves with it).
 *   <li>{@value #OPENS}, {@value #MACHINE_OPENS}, {@value #CLICKS}: open events by people, open events
 *       flagged as automated, click events, each in the bucket of the event's time.
 *   <li>{@value #UNKNOWN_EVENTS}: events of a type this version does not know, by event time.
 *   <li>{@code funnel.<step>} and {@code funnel.<step>.unique}: survey funnel events, all of them and the
 *       first per recipient (see {@link SurveyStep}).
 *   <li>{@code rt.*}: the response time sketch (delivery to completion), see {@link LatencySketch}.
 * </ul>
 */
public final class Counter {

    /** Prefix of the per-stage counters. */
    public static final String STAGE_PREFIX = "stage.";

    public static final String OPENS = "opens";
    public static final String MACHINE_OPENS = "opens.machine";
    public static final String CLICKS = "clicks";
    public static final String UNKNOWN_EVENTS = "events.unknown";

    /** Prefix of the survey funnel counters. */
    public static final String FUNNEL_PREFIX = "funnel.";

    private static final String[] REACHED = new String[Stage.values().length];
    /** Counter names are a small set (stages, funnel steps, sketch buckets); this bounds it should that change. */
    private static final int MAX_CANONICAL = 16_384;
    private static final ConcurrentHashMap<String, String> CANONICAL = new ConcurrentHashMap<>();

    static {
        for (Stage stage : Stage.values()) {
            REACHED[stage.ordinal()] = canonical(STAGE_PREFIX + stage.slug());
        }
        for (String name : new String[] {OPENS, MACHINE_OPENS, CLICKS, UNKNOWN_EVENTS}) {
            canonical(name);
        }
    }

    private Counter() {}

    /** {@code stage.<slug>}: messages that first reached the stage in the bucket. */
    /**
     * One instance per counter name: names read from a store share it, so the rollups an instance remembers keep
     * each name once, and summing buckets compares names by reference first.
     */
    public static String canonical(String name) {
        String known = CANONICAL.get(name);
        if (known != null || CANONICAL.size() >= MAX_CANONICAL) {
            return known != null ? known : name;
        }
        String first = CANONICAL.putIfAbsent(name, name);
        return first == null ? name : first;
    }

    public static String reached(Stage stage) {
        return REACHED[stage.ordinal()];
    }

    /** The stage a {@code stage.<slug>} counter counts, or empty for any other name. */
    public static Optional<Stage> stageOf(String counter) {
        if (!counter.startsWith(STAGE_PREFIX)) {
            return Optional.empty();
        }
        String slug = counter.substring(STAGE_PREFIX.length());
        return Stage.fromSlug(slug).filter(s -> s.slug().equals(slug));
    }
}
