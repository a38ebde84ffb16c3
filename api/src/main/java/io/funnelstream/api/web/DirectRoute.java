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
 * down the chain. What fails unexpectedly is answered as the chain's error handler would (a 500 problem that refers
 * to the log). A route that is not enabled is not installed at all.
 */
public abstract class DirectRoute implements HttpHandlerDecoratorFactory {

    private final boolean enabled;
    private final DirectResponses responses;

    /**
     * @param enabled false: not installed
     * @param responses writes the answers, and answers what fails unexpectedly as the chain's error handler would
     */
    protected DirectRoute(boolean enabled, DirectResponses responses) {
        this.enabled = enabled;
        this.responses = responses;
    }

    @Override
    public final HttpHandler apply(HttpHandler chain) {
        if (!enabled) {
            return chain;
        }
        return (request, response) -> {
            Mono<Void> served;
            try {
                served = serve(request, response);
            } catch (RuntimeException e) {
                served = Mono.error(e);
            }
            if (served == null) {
                return chain.handle(request, response);
            }
            return served.onErrorResume(e -> responses.failure(e, request, response));
        };
    }

    protected final DirectResponses responses() {
        return responses;
    }

    /** Serves the request, or returns null, having touched nothing, for the chain to handle it. */
    protected abstract @Nullable Mono<Void> serve(ServerHttpRequest request, ServerHttpResponse response);
}
