package io.funnelstream.engine.model;

import java.util.Locale;
import java.util.Optional;

/** What a user or API key may do within its tenant; each role can do everything the roles below it can. */
public enum Role {
    /** Manages keys, users, settings and distributions. */
    ADMIN,
    /** Reads everything, runs analyses and exports. */
    ANALYST,
    /** Reads dashboards. */
    VIEWER;

    /** True when this role may do what {@code required} may do. */
    public boolean includes(Role required) {
        return ordinal() <= required.ordinal();
    }

    /** The lower-case name used in SQL and JSON. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromSlug(String slug) {
        for (Role r : values()) {
            if (r.slug().equals(slug.toLowerCase(Locale.ROOT))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
