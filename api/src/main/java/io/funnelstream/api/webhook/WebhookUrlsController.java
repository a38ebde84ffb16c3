package io.funnelstream.api.webhook;

import io.funnelstream.api.error.Problems;
import io.funnelstream.api.security.CurrentCaller;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantRecord;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.engine.webhook.WebhookRequest;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The URLs an admin gives each provider for the tenant's webhooks, built from the tenant's webhook key and the
 * public base URL (or, without one, the origin this request came to), with the secret names each provider needs.
 */
@RestController
class WebhookUrlsController {

    private final TenantDirectory directory;
    private final WebhookProperties properties;

    WebhookUrlsController(TenantDirectory directory, WebhookProperties properties) {
        this.directory = directory;
        this.properties = properties;
    }

    record WebhookUrl(String provider, String url, List<String> methods, List<String> secrets) {}

    @GetMapping("/api/admin/webhooks")
    Mono<List<WebhookUrl>> list(ServerHttpRequest request) {
        return CurrentCaller.tenant()
                .flatMap(directory::findTenant)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("unknown-tenant", "This tenant no longer exists.")))
                .map(tenant -> urls(tenant, base(request)));
    }

    private static List<WebhookUrl> urls(TenantRecord tenant, String base) {
        return Arrays.stream(Provider.values())
                .filter(p -> CredentialSchema.names(p).isPresent())
                .map(p -> new WebhookUrl(p.slug(),
                        WebhookRequest.publicUrl(base, "/webhooks/" + p.slug() + "/" + tenant.webhookKey(), null),
                        ProviderRules.of(p).methods().stream().map(m -> m.name()).toList(),
                        CredentialSchema.names(p).orElseThrow()))
                .toList();
    }

    private String base(ServerHttpRequest request) {
        if (properties.publicBaseUrl() != null) {
            return properties.publicBaseUrl();
        }
        URI uri = request.getURI();
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
