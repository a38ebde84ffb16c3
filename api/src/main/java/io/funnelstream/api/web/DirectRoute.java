package io.funnelstream.api.web;

import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * A route served straight from the HTTP server, ahead of the web handler chain (exchange, filters, security, handler
 * mapping, argument resolution, content negotiation, observation): for the public, high-volume posts whose handlers
 * check, bound and answer everything themselves. Each request is offered to {@link #serve}; what it declines goes
 * down the chain. A route that is not enabled is not installed at all.
 */
public abstract class DirectRoute implements HttpHandlerDecoratorFactory {

    private final boolean enabled;

    protected DirectRoute(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public final HttpHandler apply(HttpHandler chain) {
        if (!enabled) {
            return chain;
        }
        return (request, response) -> {
            Mono<Void> served = serve(request, response);
            return served != null ? served : chain.handle(request, response);
        };
    }

    /** Serves the request, or returns null, having touched nothing, for the chain to handle it. */
    protected abstract @Nullable Mono<Void> serve(ServerHttpRequest request, ServerHttpResponse response);
}
