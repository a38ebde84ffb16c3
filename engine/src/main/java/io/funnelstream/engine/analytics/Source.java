package io.funnelstream.engine.analytics;

import java.util.Locale;

/** Where figures were read from: the rollup store, or Postgres directly. */
public enum Source {
    ROLLUPS,
    POSTGRES;

    /** {@code rollups} or {@code postgres}: what responses say in their source header. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }
}
