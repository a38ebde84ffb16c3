package io.funnelstream.api.webhook;

import io.funnelstream.api.web.DirectResponses;
import io.funnelstream.api.web.DirectRoute;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /webhooks/{provider}/{tenantKey}} as a {@link DirectRoute}, ahead of the handler chain. Providers post
 * every delivery event here, one request per event for Twilio and Meta, and the chain cost more than the route's own
 * work. The route needs none of it: it is open to anyone and proves each request by its signature, bounds its own
 * body, answers every outcome itself (problem details included) and counts itself in {@link WebhookMetrics};
 * {@link DirectResponses} writes its answers as the chain would.
 *
 * <p>Only a {@code POST} to a path of exactly that shape, in plain characters, takes this way. Anything else, a
 * {@code GET} (Meta's handshake, Unifonic's query reports) or a path with encoded characters included, goes down the
 * chain to {@link WebhookController}, which hands it to the same {@link WebhookIngestion}. While the message tracking
 * feature is switched off the route is not installed, and the feature gate answers.
 */
final class DirectWebhookRoute extends DirectRoute {

    private static final String PREFIX = "/webhooks/";

    private final WebhookIngestion ingestion;

    /** @param enabled false while the message tracking feature is off: requests then all go down the chain */
    DirectWebhookRoute(WebhookIngestion ingestion, DirectResponses responses, boolean enabled) {
        super(enabled, responses);
        this.ingestion = ingestion;
    }

    @Override
    protected @Nullable Mono<Void> serve(ServerHttpRequest request, ServerHttpResponse response) {
        String[] route = request.getMethod() == HttpMethod.POST
                ? route(request.getPath().pathWithinApplication().value())
                : null;
        if (route == null) {
            return null;
        }
        return ingestion.handle(route[0], route[1], request)
                .flatMap(answer -> responses().write(answer, request, response));
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
}
