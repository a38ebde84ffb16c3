package io.funnelstream.api.web;

import io.funnelstream.api.error.Problems;
import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Refuses with 413 a request whose {@code Content-Length} exceeds the limit, before anything reads the body. Bodies
 * without a declared length are bounded by the codecs' in-memory limit, which the error handling also maps to 413.
 * Routes that enforce limits of their own (provider webhooks, whose limits differ by provider) can be exempted.
 */
public final class RequestSizeLimitFilter implements WebFilter, Ordered {

    /** Before everything else: refusing is cheapest when nothing has happened yet. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

    private final DataSize limit;
    private final List<PathPattern> exempt;

    public RequestSizeLimitFilter(DataSize limit) {
        this(limit, List.of());
    }

    /** @param exemptRoutes path patterns whose handlers bound the body themselves */
    public RequestSizeLimitFilter(DataSize limit, List<String> exemptRoutes) {
        this.limit = limit;
        this.exempt = exemptRoutes.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limit.toBytes() && !isExempt(exchange.getRequest().getPath().pathWithinApplication())) {
            return Mono.error(Problems.contentTooLarge("The request body is " + declared
                    + " bytes; this server accepts at most " + limit.toBytes() + "."));
        }
        return chain.filter(exchange);
    }

    private boolean isExempt(PathContainer path) {
        for (PathPattern pattern : exempt) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
