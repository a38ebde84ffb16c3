package io.funnelstream.engine.model;

import java.util.Optional;

/** The medium a message travels over. */
public enum Channel {
    EMAIL,
    SMS,
    WHATSAPP;

    private final String slug = Slugs.of(this);

    /** The lower-case name used in URLs, SQL and Redis keys. */
    public String slug() {
        return slug;
    }

    public static Optional<Channel> fromSlug(String slug) {
        return SLUGS.findIgnoringCase(slug);
    }

    private static final Slugs<Channel> SLUGS = new Slugs<>(values());
}
