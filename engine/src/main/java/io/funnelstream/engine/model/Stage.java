package io.funnelstream.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stage of a message's life. Stages reached are remembered with the first time each was reached;
 * the message's current status is the reached stage of highest {@link #statusRank()}, so a message never
 * moves backwards whatever order its events arrive in.
 *
 * <p>Reaching a stage implies the stages it stands on ({@link #implies()}): a read WhatsApp message was
 * delivered, a clicked email was opened and delivered, a bounce was sent.
 */
public enum Stage {
    QUEUED(0),
    SENT(1),
    DEFERRED(2),
    SOFT_BOUNCED(3),
    DROPPED(4),
    UNDELIVERED(5),
    FAILED(6),
    BOUNCED(7),
    DELIVERED(8),
    OPENED(9),
    READ(10),
    CLICKED(11),
    /** A complaint: not a status of its own, but implies delivery. */
    SPAM_REPORTED(-1),
    /** An unsubscribe: not a status of its own, but implies delivery. */
    UNSUBSCRIBED(-1);

    private final int statusRank;

    Stage(int statusRank) {
        this.statusRank = statusRank;
    }

    /** Higher wins as the current status; negative for stages that are never a status. */
    public int statusRank() {
        return statusRank;
    }

    public boolean isStatus() {
        return statusRank >= 0;
    }

    /** Failures after which the provider will not try again. */
    public boolean isTerminalFailure() {
        return this == DROPPED || this == UNDELIVERED || this == FAILED || this == BOUNCED;
    }

    /** The stages directly implied by reaching this one (an unmodifiable set). */
    public Set<Stage> implies() {
        return Implied.DIRECT.get(this);
    }

    /** This stage and every stage it implies, transitively (an unmodifiable set). */
    public Set<Stage> closure() {
        return Implied.CLOSURE.get(this);
    }

    private Set<Stage> directlyImplied() {
        return switch (this) {
            case DEFERRED, SOFT_BOUNCED, BOUNCED, UNDELIVERED, DELIVERED -> EnumSet.of(SENT);
            case OPENED, READ, SPAM_REPORTED, UNSUBSCRIBED -> EnumSet.of(DELIVERED);
            case CLICKED -> EnumSet.of(OPENED);
            case QUEUED, SENT, DROPPED, FAILED -> EnumSet.noneOf(Stage.class);
        };
    }

    /** What each stage implies, worked out once: every applied event asks. */
    private static final class Implied {

        static final Map<Stage, Set<Stage>> DIRECT = new EnumMap<>(Stage.class);
        static final Map<Stage, Set<Stage>> CLOSURE = new EnumMap<>(Stage.class);

        static {
            for (Stage stage : values()) {
                DIRECT.put(stage, Collections.unmodifiableSet(stage.directlyImplied()));
            }
            for (Stage stage : values()) {
                EnumSet<Stage> closure = EnumSet.of(stage);
                List<Stage> todo = new ArrayList<>(DIRECT.get(stage));
                while (!todo.isEmpty()) {
                    Stage next = todo.removeLast();
                    if (closure.add(next)) {
                        todo.addAll(DIRECT.get(next));
                    }
                }
                CLOSURE.put(stage, Collections.unmodifiableSet(closure));
            }
        }

        private Implied() {}
    }

    private final String slug = Slugs.of(this);

    /** The lower-case name used in URLs, SQL and Redis keys. */
    public String slug() {
        return slug;
    }

    public static Optional<Stage> fromSlug(String slug) {
        return SLUGS.findIgnoringCase(slug);
    }

    private static final Slugs<Stage> SLUGS = new Slugs<>(values());
}
