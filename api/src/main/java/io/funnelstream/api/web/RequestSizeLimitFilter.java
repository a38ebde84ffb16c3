package io.funnelstream.api.web;

import io.funnelstream.api.error.Problems;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses with 413 a request whose {@code Content-Length} exceeds the limit, before anything reads the body. Bodies
 * without a declared length are bounded by the codecs' in-memory limit, which the error handling also maps to 413.
 */
public final class RequestSizeLimitFilter implements WebFilter, Ordered {

    /** Before everything else: refusing is cheapest when nothing has happened yet. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

    private final DataSize limit;

    public RequestSizeLimitFilter(DataSize limit) {
        this.limit = limit;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limit.toBytes()) {
            return Mono.error(Problems.contentTooLarge("The request body is " + declared
                    + " bytes; this server accepts at most " + limit.toBytes() + "."));
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
