package io.funnelstream.engine.stream;

/** What the streams report for metrics; every method must be cheap and must not throw. */
public interface StreamListener {

    /** Does nothing. */
    StreamListener NONE = new StreamListener() {};

    /** A hub computed an update (once for all its subscribers). */
    default void updateComputed() {}

    /** A hub could not read its figures; the update was skipped. */
    default void readFailed(Throwable failure) {}

    /** A client came back with a {@code Last-Event-ID}: served from the ring, or with a fresh snapshot. */
    default void reconnected(boolean fromRing) {}

    /** A slow connection's older pending update was replaced by a newer one. */
    default void conflated() {}

    /** A connection that stopped reading was closed. */
    default void stalled() {}
}
