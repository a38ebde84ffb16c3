package io.funnelstream.engine.port;

/** The consumer groups that read the event log. Names are stable: renaming one restarts it from its positions. */
public final class ConsumerGroups {

    /** The pipeline that applies events to messages and rolling aggregates. */
    public static final String ROLLUPS = "funnelstream.rollups.v1";

    private ConsumerGroups() {}
}
