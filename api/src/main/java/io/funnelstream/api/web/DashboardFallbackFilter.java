package io.funnelstream.api.web;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Serves the dashboard's {@code index.html} for its own deep links ({@code /distributions/<id>}, {@code /?range=7d}),
 * so that a shared or reloaded URL opens the page the browser's router draws. Only GETs of paths outside the API,
 * webhooks, tracking, actuator and OpenAPI routes whose last segment names no file are rewritten; the built files
 * themselves ({@code /assets/...}) are served as they are. Does nothing when the build holds no dashboard.
 */
public final class DashboardFallbackFilter implements WebFilter, Ordered {

    /** Early, so that security and handlers see the rewritten path. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 60;

    /** Prefixes the dashboard never owns. */
    static final List<String> SERVER_ROUTES = List.of(
            "/api/", "/webhooks/", "/actuator", "/v3/", "/t/", "/survey-tracking.js", "/error");

    private static final String INDEX = "/index.html";

    private final boolean present;

    /** @param index the built {@code index.html}; when it does not exist the filter passes everything through */
    public DashboardFallbackFilter(Resource index) {
        this.present = index.exists();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!present || !isPage(request.getMethod(), request.getPath().pathWithinApplication().value())) {
            return chain.filter(exchange);
        }
        ServerHttpRequest rewritten = request.mutate().path(INDEX).build();
        exchange.getResponse().getHeaders().setCacheControl("no-cache");
        return chain.filter(exchange.mutate().request(rewritten).build());
    }

    /** A GET of a path the dashboard's router draws. */
    static boolean isPage(HttpMethod method, String path) {
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            return false;
        }
        if (path.equals("/api") || path.equals("/webhooks")) {
            return false;
        }
        for (String prefix : SERVER_ROUTES) {
            if (path.startsWith(prefix)) {
                return false;
            }
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
