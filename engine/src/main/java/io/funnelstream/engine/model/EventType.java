package io.funnelstream.engine.model;

import java.util.Optional;

/**
 * What a provider reported, in one vocabulary for every provider. Most types reach a {@link Stage};
 * {@link #RESUBSCRIBED} and {@link #UNKNOWN} are stored and counted but move no message.
 */
public enum EventType {
    QUEUED,
    SENT,
    DEFERRED,
    DELIVERED,
    OPENED,
    CLICKED,
    READ,
    /** A bounce; its {@link BounceClass} decides between {@link Stage#BOUNCED} and {@link Stage#SOFT_BOUNCED}. */
    BOUNCED,
    DROPPED,
    FAILED,
    UNDELIVERED,
    SPAM_REPORTED,
    UNSUBSCRIBED,
    RESUBSCRIBED,
    /** A type this version does not know: kept and counted, never an error. */
    UNKNOWN;

    /** The stage this event reaches, if any. A bounce of unknown class counts as hard. */
    public Optional<Stage> stage(BounceClass bounceClass) {
        return switch (this) {
            case QUEUED -> Optional.of(Stage.QUEUED);
            case SENT -> Optional.of(Stage.SENT);
            case DEFERRED -> Optional.of(Stage.DEFERRED);
            case DELIVERED -> Optional.of(Stage.DELIVERED);
            case OPENED -> Optional.of(Stage.OPENED);
            case CLICKED -> Optional.of(Stage.CLICKED);
            case READ -> Optional.of(Stage.READ);
            case BOUNCED -> Optional.of(bounceClass == BounceClass.SOFT ? Stage.SOFT_BOUNCED : Stage.BOUNCED);
            case DROPPED -> Optional.of(Stage.DROPPED);
            case FAILED -> Optional.of(Stage.FAILED);
            case UNDELIVERED -> Optional.of(Stage.UNDELIVERED);
            case SPAM_REPORTED -> Optional.of(Stage.SPAM_REPORTED);
            case UNSUBSCRIBED -> Optional.of(Stage.UNSUBSCRIBED);
            case RESUBSCRIBED, UNKNOWN -> Optional.empty();
        };
    }

    private final String slug = Slugs.of(this);

    public String slug() {
        return slug;
    }

    public static Optional<EventType> fromSlug(String slug) {
        return SLUGS.find(slug);
    }

    private static final Slugs<EventType> SLUGS = new Slugs<>(values());
}
