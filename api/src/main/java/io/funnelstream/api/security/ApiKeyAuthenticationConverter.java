package io.funnelstream.api.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads an API key from {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}. No key means an
 * anonymous request (public routes stay reachable); a malformed header is an authentication failure.
 */
final class ApiKeyAuthenticationConverter implements ServerAuthenticationConverter {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "bearer ";

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        String direct = headers.getFirst(API_KEY_HEADER);
        if (direct != null) {
            return Mono.just(ApiKeyAuthentication.unauthenticated(direct.strip()));
        }
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return Mono.empty();
        }
        if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Mono.just(ApiKeyAuthentication.unauthenticated(authorization.substring(BEARER.length()).strip()));
        }
        return Mono.just(ApiKeyAuthentication.unauthenticated(""));
    }
}
