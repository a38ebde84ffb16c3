package io.funnelstream.engine.stream;

/** What one connection sends: a snapshot, a delta (both with absolute figures) or a heartbeat. */
public sealed interface StreamItem {

    /** The first event of a connection, or the answer to a resume that came too late for the replay ring. */
    record Snapshot(StreamEvent event) implements StreamItem {}

    /** A later update, or one replayed from the ring on resume. */
    record Delta(StreamEvent event) implements StreamItem {}

    /** Nothing to say: keeps proxies from closing an idle stream. */
    record Heartbeat() implements StreamItem {}
}
