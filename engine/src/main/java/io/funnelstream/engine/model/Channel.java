package io.funnelstream.engine.model;

import java.util.Locale;
import java.util.Optional;

/** The medium a message travels over. */
public enum Channel {
    EMAIL,
    SMS,
    WHATSAPP;

    /** The lower-case name used in URLs, SQL and Redis keys. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> fromSlug(String slug) {
        for (Channel c : values()) {
            if (c.slug().equals(slug.toLowerCase(Locale.ROOT))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
