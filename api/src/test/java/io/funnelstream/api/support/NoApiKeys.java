package io.funnelstream.api.support;

import io.funnelstream.engine.model.ApiKey;
import io.funnelstream.engine.model.ApiKeyPrincipal;
import io.funnelstream.engine.model.IssuedApiKey;
import io.funnelstream.engine.model.Role;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.model.TenantRecord;
import io.funnelstream.engine.port.TenantDirectory;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** For web slices that test the HTTP edge without a database: a directory that knows no key and no tenant. */
@TestConfiguration(proxyBeanMethods = false)
public class NoApiKeys {

    @Bean
    TenantDirectory tenantDirectory() {
        return new TenantDirectory() {
            @Override
            public Mono<TenantRecord> createTenant(String slug, String name) {
                return Mono.error(new UnsupportedOperationException("no tenants in a web slice"));
            }

            @Override
            public Mono<TenantRecord> findTenant(TenantId tenant) {
                return Mono.empty();
            }

            @Override
            public Mono<IssuedApiKey> createApiKey(TenantId tenant, String name, Role role) {
                return Mono.error(new UnsupportedOperationException("no keys in a web slice"));
            }

            @Override
            public Mono<ApiKeyPrincipal> resolveApiKey(String plaintext) {
                return Mono.empty();
            }

            @Override
            public Mono<TenantId> resolveWebhookKey(String webhookKey) {
                return Mono.empty();
            }

            @Override
            public Mono<Boolean> revokeApiKey(TenantId tenant, UUID apiKeyId) {
                return Mono.just(false);
            }

            @Override
            public Flux<ApiKey> listApiKeys(TenantId tenant) {
                return Flux.empty();
            }
        };
    }
}
