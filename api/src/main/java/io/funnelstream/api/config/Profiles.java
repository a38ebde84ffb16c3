package io.funnelstream.api.config;

/** Profile names. Without any of them the service runs the embedded default. */
public final class Profiles {

    /** External Postgres, Redis and Kafka, named by {@code FS_*} environment variables. */
    public static final String PRODUCTION = "production";

    private Profiles() {}
}
