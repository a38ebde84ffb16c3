package io.funnelstream.api.feature;

import java.util.List;

/** A capability that can be switched off as a whole, with the routes that belong to it. */
public enum Feature {
    MESSAGE_TRACKING("message-tracking", List.of("/webhooks/**", "/t/**", "/api/tracking/**")),
    AB_TESTING("ab-testing", List.of("/api/experiments/**")),
    RICH_MEDIA("rich-media", List.of("/api/media/**", "/api/templates/**")),
    REALTIME_ANALYTICS("realtime-analytics", List.of("/api/analytics/stream/**", "/api/analytics/alerts/**"));

    private final String slug;
    private final List<String> routes;

    Feature(String slug, List<String> routes) {
        this.slug = slug;
        this.routes = routes;
    }

    /** The stable name used in problem details and logs. */
    public String slug() {
        return slug;
    }

    /** Path patterns ({@code PathPattern} syntax) answered only while the feature is on. */
    public List<String> routes() {
        return routes;
    }
}
