package io.funnelstream.api.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.resource.EncodedResourceResolver;
import org.springframework.web.reactive.resource.ResourceResolverChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Serves the brotli copy ({@code .br}) of a built file when the browser accepts brotli, else the gzip copy
 * ({@code .gz}), else the file. Spring's {@link EncodedResourceResolver} takes the codings in the order the browser
 * lists them, and browsers list gzip first ({@code gzip, deflate, br, zstd}) though they take brotli as gladly; the
 * brotli copy is the smaller, so it is tried first here.
 */
public final class BrotliFirstResolver extends EncodedResourceResolver {

    @Override
    protected Mono<Resource> resolveResourceInternal(@Nullable ServerWebExchange exchange, String requestPath,
            List<? extends Resource> locations, ResourceResolverChain chain) {
        return super.resolveResourceInternal(exchange == null ? null : brotliFirst(exchange), requestPath, locations,
                chain);
    }

    private static ServerWebExchange brotliFirst(ServerWebExchange exchange) {
        String accepted = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT_ENCODING);
        if (accepted == null) {
            return exchange;
        }
        List<String> codings = new ArrayList<>();
        for (String coding : accepted.split(",")) {
            String trimmed = coding.trim();
            String name = trimmed.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (name.equals("br")) {
                codings.addFirst(trimmed);
            } else if (!trimmed.isEmpty()) {
                codings.add(trimmed);
            }
        }
        String reordered = String.join(", ", codings);
        if (reordered.equals(accepted)) {
            return exchange;
        }
        return exchange.mutate()
                .request(r -> r.headers(h -> h.set(HttpHeaders.ACCEPT_ENCODING, reordered)))
                .build();
    }
}
