package io.funnelstream.api.tracking;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CORS for the tracking endpoint, which survey pages on other origins call: a preflight ({@code OPTIONS} with
 * {@code Access-Control-Request-Method}) from an allowed origin is answered 204 with the methods and headers
 * allowed and a day's max age; other requests from an allowed origin get {@code Access-Control-Allow-Origin}.
 * No credentials: beacons carry their token in the body. A preflight from an origin not allowed is refused (403).
 */
final class TrackingCorsFilter implements WebFilter, Ordered {

    private static final String PATH = "/api/tracking/";

    private final List<String> allowedOrigins;
    private final boolean anyOrigin;

    TrackingCorsFilter(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins.stream().map(o -> o.strip().toLowerCase(Locale.ROOT)).toList();
        this.anyOrigin = this.allowedOrigins.contains("*");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String origin = request.getHeaders().getOrigin();
        if (origin == null || !request.getPath().value().startsWith(PATH)) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        boolean allowed = allowOrigin(origin, response.getHeaders());
        boolean preflight = request.getMethod() == HttpMethod.OPTIONS
                && request.getHeaders().getFirst(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
        if (!preflight) {
            return chain.filter(exchange);
        }
        if (!allowed) {
            response.setStatusCode(HttpStatus.FORBIDDEN);
            return response.setComplete();
        }
        HttpHeaders headers = response.getHeaders();
        headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS");
        headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type");
        headers.set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "86400");
        response.setStatusCode(HttpStatus.NO_CONTENT);
        return response.setComplete();
    }

    /**
     * The CORS headers of an answer to a request (not a preflight) from {@code origin}: {@code Vary: Origin}, and
     * for an allowed origin the origin allowed and {@code Retry-After} exposed. Whether the origin is allowed.
     */
    boolean allowOrigin(@Nullable String origin, HttpHeaders responseHeaders) {
        if (origin == null) {
            return false;
        }
        responseHeaders.add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        boolean allowed = anyOrigin || allowedOrigins.contains(origin.toLowerCase(Locale.ROOT));
        if (allowed) {
            responseHeaders.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, anyOrigin ? "*" : origin);
            responseHeaders.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, HttpHeaders.RETRY_AFTER);
        }
        return allowed;
    }
}
