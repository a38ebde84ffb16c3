package io.funnelstream.api.webhook;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /webhooks/{provider}/{tenantKey}} served straight from the HTTP server, ahead of the web handler
 * chain. Providers post every delivery event here, one request per event for Twilio and Meta, and the chain
 * (exchange, filters, security, handler mapping, argument resolution, content negotiation, observation) cost more
 * than the route's own work. The route needs none of it: it is open to anyone and proves each request by its
 * signature, bounds its own body, answers every outcome itself (problem details included) and counts itself in
 * {@link WebhookMetrics}. Its answers carry the security headers every other route gets from Spring Security.
 *
 * <p>Only a {@code POST} to a path of exactly that shape, in plain characters, takes this way. Anything else, a
 * {@code GET} (Meta's handshake, Unifonic's query reports) or a path with encoded characters included, goes down the
 * chain to {@link WebhookController}, which hands it to the same {@link WebhookIngestion}. While the message tracking
 * feature is switched off the route is not installed, and the feature gate answers.
 */
final class DirectWebhookRoute implements HttpHandlerDecoratorFactory {

    private static final String PREFIX = "/webhooks/";

    /** What Spring Security's default header writers add to the answers of every other route. */
    static final HttpHeaders SECURITY_HEADERS = securityHeaders();

    private final WebhookIngestion ingestion;
    private final List<HttpMessageWriter<?>> writers;
    private final boolean enabled;

    /**
     * @param writers the server's message writers, for answers whose body is not bytes already (problem details)
     * @param enabled false while the message tracking feature is off: requests then all go down the chain
     */
    DirectWebhookRoute(WebhookIngestion ingestion, List<HttpMessageWriter<?>> writers, boolean enabled) {
        this.ingestion = ingestion;
        this.writers = List.copyOf(writers);
        this.enabled = enabled;
    }

    @Override
    public HttpHandler apply(HttpHandler chain) {
        if (!enabled) {
            return chain;
        }
        return (request, response) -> {
            String[] route = request.getMethod() == HttpMethod.POST
                    ? route(request.getPath().pathWithinApplication().value())
                    : null;
            if (route == null) {
                return chain.handle(request, response);
            }
            return ingestion.handle(route[0], route[1], request)
                    .flatMap(answer -> write(answer, response, writers));
        };
    }

    /**
     * Provider and tenant key of {@code /webhooks/{provider}/{tenantKey}}, both non-empty and in unreserved
     * characters only (nothing to decode); null for any other path.
     */
    static String @Nullable [] route(String path) {
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        int slash = -1;
        for (int i = PREFIX.length(); i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '/') {
                if (slash >= 0 || i == PREFIX.length()) {
                    return null;
                }
                slash = i;
            } else if (!unreserved(c)) {
                return null;
            }
        }
        if (slash < 0 || slash == path.length() - 1) {
            return null;
        }
        return new String[] {path.substring(PREFIX.length(), slash), path.substring(slash + 1)};
    }

    /** RFC 3986 unreserved: what a path segment holds as it is, without percent-encoding. */
    private static boolean unreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    /** Status, the answer's headers and the security headers, then the body: bytes as they are, else encoded. */
    @SuppressWarnings("unchecked")
    static Mono<Void> write(ResponseEntity<Object> answer, ServerHttpResponse response,
            List<HttpMessageWriter<?>> writers) {
        response.setStatusCode(answer.getStatusCode());
        HttpHeaders headers = response.getHeaders();
        headers.putAll(answer.getHeaders());
        headers.putAll(SECURITY_HEADERS);
        Object body = answer.getBody();
        if (body == null) {
            return response.setComplete();
        }
        if (body instanceof byte[] bytes) {
            headers.setContentLength(bytes.length);
            return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
        }
        MediaType type = answer.getHeaders().getContentType();
        ResolvableType bodyType = ResolvableType.forInstance(body);
        for (HttpMessageWriter<?> writer : writers) {
            if (writer.canWrite(bodyType, type)) {
                return ((HttpMessageWriter<Object>) writer).write(Mono.just(body), bodyType, type, response, Map.of());
            }
        }
        return Mono.error(new IllegalStateException("no message writer for " + bodyType + " as " + type));
    }

    private static HttpHeaders securityHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
        headers.set(HttpHeaders.PRAGMA, "no-cache");
        headers.set(HttpHeaders.EXPIRES, "0");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-XSS-Protection", "0");
        headers.set("Referrer-Policy", "no-referrer");
        return HttpHeaders.readOnlyHttpHeaders(headers);
    }
}
