package io.funnelstream.api.webhook;

import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /webhooks/{provider}/{tenantKey}} for every provider, and {@code GET} for Meta's subscription handshake
 * and Unifonic's query-string delivery reports. Public routes: each request proves itself by its signature or
 * shared secret. The body is never decoded here; {@link WebhookIngestion} reads its raw bytes.
 *
 * <p>Most posts never reach this controller: {@link DirectWebhookRoute} serves them from the HTTP server, ahead of
 * the handler chain. It leaves this controller the {@code GET}s and the paths whose segments need decoding.
 */
@RestController
class WebhookController {

    static final String ROUTE = "/webhooks/{provider}/{tenantKey}";

    private final WebhookIngestion ingestion;

    WebhookController(WebhookIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @PostMapping(ROUTE)
    Mono<ResponseEntity<Object>> post(
            @PathVariable String provider, @PathVariable String tenantKey, ServerHttpRequest request) {
        return ingestion.handle(provider, tenantKey, request);
    }

    @GetMapping(ROUTE)
    Mono<ResponseEntity<Object>> get(
            @PathVariable String provider, @PathVariable String tenantKey, ServerHttpRequest request) {
        return ingestion.handle(provider, tenantKey, request);
    }
}
