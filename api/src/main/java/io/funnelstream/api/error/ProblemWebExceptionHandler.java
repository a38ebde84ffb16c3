package io.funnelstream.api.error;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The last word on every failure that leaves a handler or a filter: unknown routes, 405, 415, 413, body decoding,
 * security and anything unexpected become {@code application/problem+json}. Replaces Boot's default error handler.
 */
public final class ProblemWebExceptionHandler implements ErrorWebExceptionHandler, Ordered {

    private final ProblemMapper mapper;
    private final ProblemResponder responder;

    public ProblemWebExceptionHandler(ProblemMapper mapper, ProblemResponder responder) {
        this.mapper = mapper;
        this.responder = responder;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ProblemMapper.Mapped mapped = mapper.map(failure, exchange.getRequest());
        return responder.write(exchange, mapped.problem(), mapped.headers(), failure);
    }

    /** Where Boot puts its own error handler, ahead of Spring's plain status handler. */
    @Override
    public int getOrder() {
        return -1;
    }
}
